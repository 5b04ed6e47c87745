package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ScratchArea}: what a killed program left in the temporary folder is deleted by the next runner; what a live
 * process holds, and what cannot be judged until it is old, is not.
 */
class ScratchAreaTest {

    @TempDir
    Path tmp;

    @Test
    void anAreaWhoseProcessIsGoneIsDeletedByTheNextRunnerAndALiveOneIsKept() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().orElseThrow().toEpochMilli();
        // a program killed with -9 (this process's id, but another start time: the id was reused since)
        Path dead = Files.createDirectories(tmp.resolve(ScratchArea.PREFIX + self.pid() + "-" + (start - 5000)
                + "-123"));
        Files.createDirectories(dead.resolve("clip-1")).resolve("dense-audio.npy").toFile().createNewFile();
        // an id no process has
        Path gone = Files.createDirectories(tmp.resolve(ScratchArea.PREFIX + Long.MAX_VALUE + "-1-9"));
        // earlier versions' per-clip folders: an old one goes, a fresh one (maybe still in use) stays
        Path oldLegacy = Files.createDirectories(tmp.resolve(ScratchArea.LEGACY_PREFIX + "1"));
        age(oldLegacy, Duration.ofDays(2));
        Path newLegacy = Files.createDirectories(tmp.resolve(ScratchArea.LEGACY_PREFIX + "2"));
        Path unrelated = Files.createDirectories(tmp.resolve("someone-else"));

        try (ScratchArea live = new ScratchArea(tmp)) {
            Path clip = live.newFolder("clip-");
            assertThat(clip.getParent()).isEqualTo(live.folder());
            assertThat(live.folder().getFileName().toString()).startsWith(ScratchArea.owner(self));
            assertThat(dead).doesNotExist();
            assertThat(gone).doesNotExist();
            assertThat(oldLegacy).doesNotExist();
            assertThat(newLegacy).exists();
            assertThat(unrelated).exists();

            // a second runner (in this program, as one in another program would) leaves the live area alone
            try (ScratchArea other = new ScratchArea(tmp)) {
                other.newFolder("clip-");
                assertThat(clip).exists();
                assertThat(other.folder()).isNotEqualTo(live.folder());
            }
            assertThat(clip).exists();
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    newLegacy.getFileName().toString(), "someone-else");
        }
    }

    @Test
    void anAreaThatNamesNoProcessIsJudgedByItsAge() throws Exception {
        Path odd = Files.createDirectories(tmp.resolve(ScratchArea.PREFIX + "odd"));
        assertThat(ScratchArea.ownerAlive(odd.getFileName().toString())).isEmpty();
        ScratchArea.sweep(tmp, Instant.now());
        assertThat(odd).exists();
        ScratchArea.sweep(tmp, Instant.now().plus(Duration.ofDays(2)));
        assertThat(odd).doesNotExist();
        assertThat(ScratchArea.ownerAlive(ScratchArea.owner(ProcessHandle.current()) + "42")).contains(true);
    }

    private static void age(Path p, Duration by) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(by)));
    }
}
