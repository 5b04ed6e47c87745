package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avlens.synth.internal.ClipWriter;
import io.avlens.synth.internal.ClipWriter.Written;
import io.avlens.synth.internal.SceneEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sounds and speech in separate clips ({@link SynthSpec#separateSpeech()}, DenseAV's two datasets): an even clip is
 * byte for byte the clip of the same spec without speech; an odd clip shows the picture and says the words of the
 * clip with speech, with every hit and scratch muted (no sounding event, an empty sounding mask, a narration that
 * says so).
 */
class SeparateSpeechTest {

    private static final SynthSpec SPEECH = new SynthSpec(8, 11, 64, 8, 4, 0, true, 1);

    @TempDir
    Path dir;

    @Test
    void evenClipsAreTheClipsWithoutSpeech() throws IOException {
        SynthSpec separate = SPEECH.withSeparateSpeech(true);
        for (int i : new int[] {0, 2}) {
            Written sep = ClipWriter.write(separate, i, Files.createDirectories(dir.resolve("sep" + i)));
            Written plain = ClipWriter.write(SPEECH.withSpeech(false), i,
                    Files.createDirectories(dir.resolve("plain" + i)));
            assertThat(sep.words()).isEmpty();
            assertThat(sep.scene().events().stream().anyMatch(SceneEvent::sounds)).isTrue();
            for (String suffix : new String[] {".mp4", ".json", ".masks.npy", ".sounding.npy"}) {
                String name = sep.scene().name() + suffix;
                assertThat(Files.readAllBytes(sep.video().resolveSibling(name)))
                        .as(name).isEqualTo(Files.readAllBytes(plain.video().resolveSibling(name)));
            }
        }
    }

    @Test
    void oddClipsSayTheWordsWithTheirSoundsMuted() throws IOException {
        SynthSpec separate = SPEECH.withSeparateSpeech(true);
        int muted = 0;
        for (int i : new int[] {1, 3, 5, 7}) {
            Written sep = ClipWriter.write(separate, i, Files.createDirectories(dir.resolve("sep" + i)));
            Written both = ClipWriter.write(SPEECH, i, Files.createDirectories(dir.resolve("both" + i)));
            assertThat(sep.words()).isEqualTo(both.words());
            assertThat(Files.readAllBytes(sep.masks())).isEqualTo(Files.readAllBytes(both.masks()));
            assertThat(sep.scene().events()).noneMatch(SceneEvent::sounds);
            byte[] sounding = Files.readAllBytes(sep.video().resolveSibling(sep.scene().name() + ".sounding.npy"));
            int data = 32 * 64 * 64; // [frames, 64, 64] uint8 after the .npy header
            for (int p = sounding.length - data; p < sounding.length; p++) {
                assertThat(sounding[p]).isZero();
            }
            assertThat(sep.scene().narration()).contains("without a sound");
            long hits = both.scene().events().stream().filter(e -> "hit".equals(e.type())).count();
            if (hits > 0 && !sep.words().isEmpty()) {
                muted++;
            }
        }
        assertThat(muted).as("odd clips whose hits were muted while words are said").isPositive();
        assertThat(SPEECH.speaks(3)).isTrue();
        assertThat(separate.speaks(3)).isTrue();
        assertThat(separate.speaks(2)).isFalse();
        assertThat(separate.sounds(3)).isFalse();
        assertThat(SPEECH.sounds(3)).isTrue();
    }

    @Test
    void separateSpeechNeedsSpeech() {
        assertThatThrownBy(() -> SPEECH.withSpeech(false).withSeparateSpeech(true))
                .hasMessageContaining("needs speech");
        assertThat(SPEECH.withSeparateSpeech(true).withSpeech(false).separateSpeech()).isFalse();
        assertThat(new SynthSpec(8, 11, 64, 8, 4, 0, true, 1, 1, 3, 0.2)).isEqualTo(SPEECH);
    }
}
