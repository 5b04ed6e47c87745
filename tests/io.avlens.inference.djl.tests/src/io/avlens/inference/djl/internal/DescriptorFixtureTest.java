package io.avlens.inference.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.ModelSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;

/**
 * A descriptor written by tools/export/avlens_export.py (the helper the official models' export scripts use) is
 * read by the Java side, its SHA-256 checked, and the model it describes runs as PyTorch ran it.
 */
class DescriptorFixtureTest {

    @TempDir
    Path dir;

    @Test
    void thePythonDescriptorLoadsAndRuns() throws Exception {
        Fixtures.file("conv_traced.pt", dir);
        Path json = Fixtures.file("conv_traced.json", dir);
        ModelDescriptor d = ModelDescriptors.read(json);
        assertThat(d.id()).isEqualTo("fixture-conv");
        assertThat(d.source()).isEqualTo(ModelDescriptor.Source.TORCHSCRIPT);
        assertThat(d.profile()).isEqualTo(Profiles.AVSHAPES_SMALL);
        assertThat(d.modalities()).containsExactly(ModelDescriptor.Modality.VIDEO);
        assertThat(d.inputs().get(0)).hasToString("frames[B, 3, 16, 16]");
        assertThat(d.outputs().get(0)).hasToString("embedding[B, 4]");
        ModelSpec spec = ModelDescriptors.toSpec(json, d, ModelSpec.Options.DEFAULT);
        try (LoadedModel model = new CpuInferenceService().load(spec)) {
            Map<String, FloatTensor> out = model.forward(Map.of("frames", Fixtures.npy("conv_frames.npy")));
            assertThat(Fixtures.maxAbsDiff(out.get("embedding"), Fixtures.npy("conv_embedding.npy")))
                    .isLessThan(1e-5);
        }
        Files.write(dir.resolve("conv_traced.pt"), new byte[] {0}, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ModelDescriptors.toSpec(json, d, ModelSpec.Options.DEFAULT))
                .isInstanceOf(InferenceException.class).hasMessageContaining("SHA-256 is");
    }
}
