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

    private static ModelDescriptor twoParts(String videoSha, String audioSha) {
        return new ModelDescriptor("pair", "cavp", null, null, null, Profiles.AVSHAPES_SMALL, null, null, null,
                null, true, List.of(
                        new ModelDescriptor.Component("video", ModelDescriptor.Source.TORCHSCRIPT, "video.pt",
                                videoSha, List.of(TensorSpec.of("frames", "B,T,64,64,3")),
                                List.of(TensorSpec.of("video", "B,T,64"))),
                        new ModelDescriptor.Component("audio", ModelDescriptor.Source.TORCHSCRIPT, "audio.pt",
                                audioSha, List.of(TensorSpec.of("mel", "B,64,M")),
                                List.of(TensorSpec.of("audio", "B,T,64")))));
    }

    @Test
    void aModelOfPartsRoundTripsAndEachPartLoadsWithItsOwnWeightsAndChecksum() throws Exception {
        Files.writeString(dir.resolve("video.pt"), "v");
        Files.writeString(dir.resolve("audio.pt"), "a");
        String v = ModelDescriptors.sha256(dir.resolve("video.pt"));
        Path file = dir.resolve(ModelDescriptors.FILE_NAME);
        ModelDescriptor d = twoParts(v, "1".repeat(64));
        ModelDescriptors.write(file, d);
        String json = Files.readString(file);
        assertThat(json).contains("\"components\"").contains("\"role\": \"audio\"");
        assertThat(com.google.gson.JsonParser.parseString(json).getAsJsonObject().has("weights"))
                .as("the weights are the parts'").isFalse();
        ModelDescriptor back = ModelDescriptors.read(file);
        assertThat(back).isEqualTo(d);
        assertThat(back.hasParts()).isTrue();
        assertThat(back.parts()).extracting(ModelDescriptor.Component::role).containsExactly("video", "audio");
        assertThat(back.weights()).as("a model of parts is known by its first part").isEqualTo("video.pt");

        ModelSpec video = ModelDescriptors.toSpec(file, back, back.parts().get(0), ModelSpec.Options.DEFAULT);
        assertThat(video.id()).isEqualTo("pair/video");
        assertThat(video.inputs()).extracting(TensorSpec::name).containsExactly("frames");
        assertThat(video.outputs()).extracting(TensorSpec::name).containsExactly("video");
        assertThat(((ModelSpec.TorchScript) video.source()).file()).isEqualTo(dir.resolve("video.pt"));
        assertThatThrownBy(() -> ModelDescriptors.toSpec(file, back, back.parts().get(1), ModelSpec.Options.DEFAULT))
                .isInstanceOf(InferenceException.class).hasMessageContaining("audio.pt")
                .hasMessageContaining("the audio part of model pair");
        assertThatThrownBy(() -> ModelDescriptors.toSpec(file, back, ModelSpec.Options.DEFAULT))
                .isInstanceOf(InferenceException.class).hasMessageContaining("made of parts [video, audio]");

        ModelDescriptor single = cavpVideo(null);
        assertThat(single.hasParts()).isFalse();
        assertThat(single.parts()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo(ModelDescriptor.SINGLE_ROLE);
            assertThat(p.weights()).isEqualTo("cavp_video.pt");
        });
        ModelDescriptors.write(file, single);
        assertThat(Files.readString(file)).doesNotContain("components");
    }

    @Test
    void partsWithTheSameRoleAreRefused() {
        Path file = dir.resolve(ModelDescriptors.FILE_NAME);
        String json = """
                {"id": "x", "family": "cavp", "profile": "avshapes-small", "components": [
                  {"role": "video", "source": "torchscript", "weights": "a.pt"},
                  {"role": "video", "source": "torchscript", "weights": "b.pt"}]}
                """;
        assertThatThrownBy(() -> {
            Files.writeString(file, json);
            ModelDescriptors.read(file);
        }).isInstanceOf(InferenceException.class).hasMessageContaining("same role");
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
        assertThatThrownBy(() -> ModelDescriptors.read(file)).hasMessageContaining("not a valid model descriptor")
                .hasMessageContaining("the JSON text ends too early").hasMessageNotContaining("Exception");
        Files.writeString(file, "{\"id\": \"x\",\n \"family\": }");
        assertThatThrownBy(() -> ModelDescriptors.read(file)).hasMessageContaining("not well-formed at line 2")
                .hasMessageNotContaining("Exception");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> ModelDescriptors.read(file)).hasMessageContaining("an object ({...}) was expected where the text has [1,2]")
                .hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> ModelDescriptors.read(dir.resolve("none.json")))
                .hasMessageContaining("no such model descriptor");
    }
}
