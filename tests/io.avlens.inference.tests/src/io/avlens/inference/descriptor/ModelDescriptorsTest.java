package io.avlens.inference.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.core.profile.VideoSpec;
import io.avlens.inference.InferenceException;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.TensorSpec;

class ModelDescriptorsTest {

    @TempDir
    Path dir;

    private static ModelDescriptor cavpVideo(String sha) {
        return new ModelDescriptor("diff-foley-cavp-video", "diff-foley-cavp", ModelDescriptor.Source.TORCHSCRIPT,
                "cavp_video.pt", sha, Profiles.DIFF_FOLEY_CAVP, Set.of(ModelDescriptor.Modality.VIDEO),
                List.of(TensorSpec.of("frames", "B,3,T,224,224")), List.of(TensorSpec.of("features", "B,T,512")),
                Map.of("repository", "luosiallen/Diff-Foley"));
    }

    @Test
    void roundTripsAndWritesAKnownProfileByItsId() throws Exception {
        Path file = dir.resolve(ModelDescriptors.FILE_NAME);
        ModelDescriptor d = cavpVideo("0".repeat(64));
        ModelDescriptors.write(file, d);
        String json = Files.readString(file);
        assertThat(json).contains("\"profile\": \"diff-foley-cavp\"").contains("\"source\": \"torchscript\"")
                .contains("\"B\",").contains("224");
        assertThat(ModelDescriptors.read(file)).isEqualTo(d);
    }

    @Test
    void padShortIsWrittenOnlyWhenSet() throws Exception {
        Path file = dir.resolve(ModelDescriptors.FILE_NAME);
        ModelDescriptors.write(file, cavpVideo(null));
        assertThat(Files.readString(file)).doesNotContain("padShort");
        ModelDescriptor pads = new ModelDescriptor("p", "f", ModelDescriptor.Source.BUILTIN, "w.params", null,
                Profiles.AVSHAPES_SMALL, null, List.of(), List.of(), null, true);
        ModelDescriptors.write(file, pads);
        assertThat(Files.readString(file)).contains("\"padShort\": true");
        assertThat(ModelDescriptors.read(file).padShort()).isTrue();
    }

    @Test
    void aProfileOfItsOwnIsWrittenInFull() throws Exception {
        PreprocessingProfile own = new PreprocessingProfile("my-encoder",
                new VideoSpec(10, 112, 112, FrameFit.CENTER_CROP), 22_050, null, 2.5);
        ModelDescriptor d = new ModelDescriptor("mine", "custom", ModelDescriptor.Source.BUILTIN, "w.params", null,
                own, null, List.of(), List.of(), null);
        Path file = dir.resolve("model.json");
        ModelDescriptors.write(file, d);
        assertThat(Files.readString(file)).contains("\"sampleRate\": 22050").contains("CENTER_CROP");
        ModelDescriptor back = ModelDescriptors.read(file);
        assertThat(back).isEqualTo(d);
        assertThat(back.modalities()).containsExactlyInAnyOrder(ModelDescriptor.Modality.VIDEO,
                ModelDescriptor.Modality.AUDIO);
    }

    @Test
    void checksTheWeightsSha256() throws Exception {
        Path weights = dir.resolve("cavp_video.pt");
        Files.writeString(weights, "abc", StandardCharsets.US_ASCII);
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(ModelDescriptors.sha256(weights)).isEqualTo(abc);
        Path file = dir.resolve("model.json");
        ModelSpec spec = ModelDescriptors.toSpec(file, cavpVideo(abc), ModelSpec.Options.DEFAULT);
        assertThat(spec.source()).isEqualTo(new ModelSpec.TorchScript(weights.toAbsolutePath()));
        assertThat(spec.inputs()).extracting(TensorSpec::name).containsExactly("frames");
        assertThatThrownBy(() -> ModelDescriptors.verifiedWeights(file, cavpVideo("1".repeat(64))))
                .isInstanceOf(InferenceException.class).hasMessageContaining("cavp_video.pt: SHA-256 is " + abc)
                .hasMessageContaining("was changed or belongs to another model");
        Files.delete(weights);
        assertThatThrownBy(() -> ModelDescriptors.verifiedWeights(file, cavpVideo(abc)))
                .hasMessageContaining("the weights of model diff-foley-cavp-video are missing");
    }

    @Test
    void aBrokenDescriptorIsReportedWithItsFileAndField() throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{\"id\": \"x\", \"family\": \"f\", \"source\": \"onnx\", \"weights\": \"w\","
                + " \"profile\": \"denseav\"}");
        assertThatThrownBy(() -> ModelDescriptors.read(file)).isInstanceOf(InferenceException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("source must be builtin or torchscript");
        Files.writeString(file, "{\"id\": \"x\", \"family\": \"f\", \"source\": \"builtin\", \"weights\": \"w\","
                + " \"profile\": \"nope\"}");
        assertThatThrownBy(() -> ModelDescriptors.read(file)).hasMessageContaining("unknown profile 'nope'");
        Files.writeString(file, "{\"id\": \"x\", \"source\": \"builtin\"");
        assertThatThrownBy(() -> ModelDescriptors.read(file)).hasMessageContaining("not a valid model descriptor");
        assertThatThrownBy(() -> ModelDescriptors.read(dir.resolve("none.json")))
                .hasMessageContaining("no such model descriptor");
    }
}
