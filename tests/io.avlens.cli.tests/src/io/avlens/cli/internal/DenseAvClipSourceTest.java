package io.avlens.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.avlens.model.store.internal.XmiProjectStore;
import io.avlens.models.denseav.ClipSource;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DenseAV-small's clip sources ({@link ClipSource}, for its disentanglement term) on clips the synthesiser makes:
 * with {@code --speech --separate-speech} the even clips are sounds and the odd ones speech; with {@code --speech}
 * alone a clip that sounds and speaks has no single source. Lives here because this bundle can run the synthesiser.
 */
class DenseAvClipSourceTest {

    @TempDir
    Path dir;

    @Test
    void separatedClipsAreSoundsOrSpeechAndOrdinarySpeechClipsNeither() throws Exception {
        SynthSpec spec = SynthSpec.of(6, 3).withSize(64).withTiming(8, 2).withSpeech(true).withThreads(1);
        Path sep = dir.resolve("sep");
        new AvShapesGenerator(new XmiProjectStore()).generate(spec.withSeparateSpeech(true), sep, SynthProgress.NONE);
        for (int i = 0; i < 6; i++) {
            ClipSource s = ClipSource.read(sep.resolve("media/clip-%05d.mp4".formatted(i)));
            assertThat(s).as("clip %d", i).isEqualTo(i % 2 == 0 ? ClipSource.SOUND : ClipSource.SPEECH);
        }
        Path both = dir.resolve("both");
        new AvShapesGenerator(new XmiProjectStore()).generate(spec, both, SynthProgress.NONE);
        int mixed = 0;
        for (int i = 0; i < 6; i++) {
            Path mp4 = both.resolve("media/clip-%05d.mp4".formatted(i));
            JsonObject side = JsonParser.parseString(Files.readString(mp4.resolveSibling("clip-%05d.json"
                    .formatted(i)))).getAsJsonObject();
            boolean sounds = side.getAsJsonArray("events").asList().stream()
                    .anyMatch(e -> !"silent".equals(e.getAsJsonObject().get("type").getAsString()));
            assertThat(ClipSource.read(mp4)).as("clip %d", i).isEqualTo(sounds ? ClipSource.NONE : ClipSource.SPEECH);
            mixed += sounds ? 1 : 0;
        }
        assertThat(mixed).as("clips with sounds and words").isPositive();
    }
}
