package io.avlens.inference.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.avlens.core.profile.Profiles;
import io.avlens.inference.descriptor.ContractMismatch.Severity;
import io.avlens.inference.descriptor.ModelDescriptor.Modality;

class ContractCheckerTest {

    private static final Set<Modality> BOTH = Set.of(Modality.VIDEO, Modality.AUDIO);

    @Test
    void aClipMadeToTheProfileHasNoMismatch() {
        ClipFacts clip = new ClipFacts("cavp.mp4", 8, new ClipFacts.Video(4, 224, 224), new ClipFacts.Audio(16_000, 1));
        assertThat(ContractChecker.check(Profiles.DIFF_FOLEY_CAVP, BOTH, clip)).isEmpty();
    }

    @Test
    void listsEveryConversionForAPhoneVideoAgainstDiffFoley() {
        ClipFacts clip = new ClipFacts("phone.mp4", 10, new ClipFacts.Video(29.97, 1920, 1080),
                new ClipFacts.Audio(44_100, 2));
        List<ContractMismatch> m = ContractChecker.check(Profiles.DIFF_FOLEY_CAVP, BOTH, clip);
        assertThat(m).extracting(ContractMismatch::field, ContractMismatch::expected, ContractMismatch::actual)
                .containsExactlyInAnyOrder(tuple("fps", "4", "29.97"), tuple("frameSize", "224x224", "1920x1080"),
                        tuple("sampleRate", "16000 Hz", "44100 Hz"), tuple("channels", "1", "2"),
                        tuple("clipLength", "8 s", "10 s"));
        assertThat(m).allMatch(x -> x.severity() == Severity.CONVERTED);
        assertThat(ContractChecker.usable(m)).isTrue();
        assertThat(m).filteredOn(x -> x.field().equals("clipLength")).first()
                .extracting(ContractMismatch::message).asString().contains("cut into 2 windows");
        assertThat(m).filteredOn(x -> x.field().equals("frameSize")).first()
                .extracting(ContractMismatch::message).asString().contains("downscaled (stretch)"); // as the official demo
    }

    @Test
    void missingStreamsAndShortClipsAreErrorsListedFirst() {
        ClipFacts silent = new ClipFacts("silent.mp4", 1.5, new ClipFacts.Video(15, 640, 360), null);
        List<ContractMismatch> m = ContractChecker.check(Profiles.CONDFOLEYGEN, BOTH, silent);
        assertThat(m).extracting(ContractMismatch::field, ContractMismatch::severity)
                .containsExactly(tuple("audio", Severity.ERROR), tuple("clipLength", Severity.ERROR));
        assertThat(m.get(0).message()).isEqualTo("silent.mp4 has no audio stream, but condfoleygen needs sound");
        assertThat(ContractChecker.usable(m)).isFalse();
    }

    @Test
    void aShortClipIsPaddedWhenTheModelAllowsIt() {
        ClipFacts clip = new ClipFacts("short.mp4", 2, new ClipFacts.Video(8, 64, 64), new ClipFacts.Audio(16_000, 1));
        assertThat(ContractChecker.check(Profiles.AVSHAPES_SMALL, BOTH, clip)).singleElement()
                .satisfies(m -> assertThat(m.severity()).isEqualTo(Severity.ERROR));
        List<ContractMismatch> padded = ContractChecker.check(Profiles.AVSHAPES_SMALL, BOTH, true, clip);
        assertThat(padded).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("clipLength");
            assertThat(m.severity()).isEqualTo(Severity.CONVERTED);
            assertThat(m.message()).isEqualTo("short.mp4 lasts 2 s, shorter than one 4 s window of"
                    + " avshapes-small: it will be padded by 2 s (paddedSeconds in its results)");
        });
        assertThat(ContractChecker.usable(padded)).isTrue();
    }

    @Test
    void onlyTheModalitiesAModelReadsAreChecked() {
        ClipFacts audioOnly = new ClipFacts("speech.wav", 10, null, new ClipFacts.Audio(16_000, 1));
        assertThat(ContractChecker.check(Profiles.DENSEAV, Set.of(Modality.AUDIO), audioOnly)).isEmpty();
        assertThat(ContractChecker.check(Profiles.DENSEAV, BOTH, audioOnly)).extracting(ContractMismatch::field)
                .containsExactly("video");
    }

    @Test
    void action2SoundsFractionalFrameRateIsMatchedWithTolerance() {
        ClipFacts clip = new ClipFacts("a2s.mp4", 3, new ClipFacts.Video(16 / 3.0, 224, 224),
                new ClipFacts.Audio(16_000, 1));
        assertThat(ContractChecker.check(Profiles.ACTION2SOUND, BOTH, clip)).isEmpty();
        ClipFacts fiveFps = new ClipFacts("a2s.mp4", 3, new ClipFacts.Video(5, 224, 224),
                new ClipFacts.Audio(16_000, 1));
        assertThat(ContractChecker.check(Profiles.ACTION2SOUND, BOTH, fiveFps)).extracting(ContractMismatch::message)
                .containsExactly("a2s.mp4 runs at 5 fps, action2sound takes 5.333 fps: frames will repeat");
    }
}
