package io.avlens.models.tests.difffoley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.models.difffoley.AlignmentPairs;
import io.avlens.models.difffoley.TrainingClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alignment classifier's training pairs: shares, shifts, and never a silent clip's sound as a negative. */
class AlignmentPairsTest {

    @TempDir
    Path dir;

    /** Clips 0, 2, 4 have something sounding on screen; 1, 3, 5 do not. */
    private static List<TrainingClip> clips() {
        List<TrainingClip> clips = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clips.add(new TrainingClip("c" + i, new float[4], new float[4], new float[4], i % 2 == 0));
        }
        return clips;
    }

    @Test
    void aSoundingClipGetsItsOwnSoundShiftedSoundAndOtherClipsSoundInTheStatedShares() {
        AlignmentPairs pairs = new AlignmentPairs(clips(), 32, 256);
        Random random = new Random(3);
        int aligned = 0;
        int shifted = 0;
        Set<Integer> others = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            AlignmentPairs.Pair p = pairs.draw(2, random);
            if (p.aligned()) {
                aligned++;
                assertThat(p.sound()).isEqualTo(2);
                assertThat(p.shift()).isZero();
            } else if (p.sound() == 2) {
                shifted++;
                assertThat(p.shift()).isBetween(32, 224);
            } else {
                assertThat(p.shift()).isZero();
                others.add(p.sound());
            }
        }
        assertThat(aligned / 4000.0).isBetween(0.47, 0.53);
        assertThat(shifted / 4000.0).isBetween(0.22, 0.28);
        // another clip's sound, silent ones included (a missing sound is a misaligned one)
        assertThat(others).containsExactlyInAnyOrder(0, 1, 3, 4, 5);
    }

    @Test
    void aSilentClipIsNeverPairedWithItsOwnShiftedSoundOrAnotherSilentClipsSound() {
        AlignmentPairs pairs = new AlignmentPairs(clips(), 32, 256);
        Random random = new Random(5);
        int aligned = 0;
        Set<Integer> negatives = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            AlignmentPairs.Pair p = pairs.draw(3, random);
            assertThat(p.shift()).isZero();
            if (p.aligned()) {
                aligned++;
                assertThat(p.sound()).isEqualTo(3);
            } else {
                negatives.add(p.sound());
            }
        }
        assertThat(aligned / 4000.0).isBetween(0.47, 0.53);
        assertThat(negatives).containsExactlyInAnyOrder(0, 2, 4);
    }

    @Test
    void withNoSoundingClipAtAllASilentClipStillGetsNegatives() {
        List<TrainingClip> silent = clips().stream()
                .map(c -> new TrainingClip(c.id(), c.mel(), c.video(), c.appearance(), false)).toList();
        AlignmentPairs pairs = new AlignmentPairs(silent, 32, 256);
        Random random = new Random(7);
        int negatives = 0;
        for (int i = 0; i < 400; i++) {
            AlignmentPairs.Pair p = pairs.draw(1, random);
            if (!p.aligned()) {
                negatives++;
                assertThat(p.sound()).isNotEqualTo(1);
            }
        }
        assertThat(negatives).isPositive();
    }

    /** The shifts of clip {@code clip}'s own shifted pairs among {@code draws} draws. */
    private static List<Integer> ownShifts(AlignmentPairs pairs, int clip, int draws, long seed) {
        Random random = new Random(seed);
        List<Integer> shifts = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            AlignmentPairs.Pair p = pairs.draw(clip, random);
            if (!p.aligned() && p.sound() == clip) {
                shifts.add(p.shift());
            }
        }
        return shifts;
    }

    @Test
    void nearMissesAreShiftedByLessThanTheWideShiftsEitherWay() {
        List<Integer> shifts = ownShifts(new AlignmentPairs(clips(), 32, 256, 6, 1.0), 2, 4000, 11);
        assertThat(shifts.size() / 4000.0).isBetween(0.22, 0.28);
        // a circular shift of s frames later, or of s frames earlier (256 - s), 6 <= s < 32
        List<Integer> later = shifts.stream().filter(s -> s < 128).toList();
        List<Integer> earlier = shifts.stream().filter(s -> s >= 128).map(s -> 256 - s).toList();
        assertThat(later).allSatisfy(s -> assertThat(s).isBetween(6, 31));
        assertThat(earlier).allSatisfy(s -> assertThat(s).isBetween(6, 31));
        assertThat(earlier.size()).isBetween(shifts.size() * 2 / 5, shifts.size() * 3 / 5);
    }

    @Test
    void aNearMissShareMixesNearAndWideShifts() {
        List<Integer> shifts = ownShifts(new AlignmentPairs(clips(), 32, 256, 6, 0.5), 4, 8000, 13);
        long near = shifts.stream().filter(s -> Math.min(s, 256 - s) < 32).count();
        assertThat((double) near / shifts.size()).isBetween(0.45, 0.55);
    }

    @Test
    void withoutNearMissesThePairsAreThoseOfTheThreeArgumentConstructor() {
        AlignmentPairs plain = new AlignmentPairs(clips(), 32, 256);
        AlignmentPairs none = new AlignmentPairs(clips(), 32, 256, 6, 0);
        Random a = new Random(17);
        Random b = new Random(17);
        for (int i = 0; i < 500; i++) {
            assertThat(none.draw(i % 6, b)).isEqualTo(plain.draw(i % 6, a));
        }
    }

    @Test
    void refusesANearMissShareOutOfRangeOrAnEmptyNearRange() {
        assertThatThrownBy(() -> new AlignmentPairs(clips(), 32, 256, 6, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share 1.5");
        assertThatThrownBy(() -> new AlignmentPairs(clips(), 32, 256, 32, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range not empty");
        assertThatThrownBy(() -> new AlignmentPairs(clips(), 32, 256, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("near misses of 0");
    }

    @Test
    void refusesTooFewClipsOrNoRoomToShift() {
        assertThatThrownBy(() -> new AlignmentPairs(clips().subList(0, 1), 32, 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 clips");
        assertThatThrownBy(() -> new AlignmentPairs(clips(), 200, 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room to shift");
    }

    @Test
    void aClipSoundsWhenAnOnScreenHitOrScratchFallsInsideTheWindow() throws IOException {
        Path hit = sidecar("hit.json", "{\"lagSeconds\":0,\"events\":[{\"type\":\"hit\",\"objectId\":1,\"time\":1.5},"
                + "{\"type\":\"offscreen\",\"objectId\":0,\"time\":0.5}]}");
        Path late = sidecar("late.json", "{\"lagSeconds\":0,\"events\":[{\"type\":\"scratch\",\"objectId\":2,"
                + "\"time\":4.5}]}");
        Path offscreen = sidecar("off.json", "{\"lagSeconds\":0,\"events\":[{\"type\":\"hit\",\"objectId\":0,"
                + "\"time\":1.0}]}");
        assertThat(AlignmentPairs.sounding(hit, 4.0)).isTrue();
        assertThat(AlignmentPairs.sounding(late, 4.0)).isFalse();
        assertThat(AlignmentPairs.sounding(offscreen, 4.0)).isFalse();
        assertThatThrownBy(() -> AlignmentPairs.sounding(dir.resolve("missing.json"), 4.0))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.json");
    }

    private Path sidecar(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }
}
