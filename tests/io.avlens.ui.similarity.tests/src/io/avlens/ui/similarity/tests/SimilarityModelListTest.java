package io.avlens.ui.similarity.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.Profiles;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.BuiltinModels;
import io.avlens.models.cavp.CavpShippedModel;
import io.avlens.ui.similarity.internal.ClipSimilarity;

/** The Similarity view's model list: the built-in models, then the imported ones that read video and audio. */
class SimilarityModelListTest {

    @TempDir
    Path dir;

    private void model(String id, Set<ModelDescriptor.Modality> modalities) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(id));
        ModelDescriptors.write(folder.resolve(ModelDescriptors.FILE_NAME), new ModelDescriptor(id, "cavp", null, null,
                null, Profiles.AVSHAPES_SMALL, modalities, null, null, Map.of(), false, List.of(
                        new ModelDescriptor.Component("video", ModelDescriptor.Source.TORCHSCRIPT, "v.pt", null,
                                List.of(TensorSpec.of("frames", "B,T,64,64,3")), List.of()),
                        new ModelDescriptor.Component("audio", ModelDescriptor.Source.TORCHSCRIPT, "a.pt", null,
                                List.of(TensorSpec.of("mel", "B,64,M")), List.of()))));
    }

    @Test
    void importedModelsThatReadVideoAndAudioAreListedAfterTheBuiltInOnes() throws Exception {
        model("cavp-small-imported", Set.of(ModelDescriptor.Modality.VIDEO, ModelDescriptor.Modality.AUDIO));
        model("frames-only", Set.of(ModelDescriptor.Modality.VIDEO));
        BuiltinModels builtins = BuiltinModels.of(new CavpShippedModel());
        assertThat(ClipSimilarity.modelIds(builtins, dir)).containsExactly("cavp-small", "cavp-small-imported");
        assertThat(ClipSimilarity.modelIds(builtins, dir.resolve("missing"))).containsExactly("cavp-small");
        assertThat(ClipSimilarity.modelIds(null, dir)).containsExactly("cavp-small-imported");
    }
}
