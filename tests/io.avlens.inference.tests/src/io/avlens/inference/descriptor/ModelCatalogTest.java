package io.avlens.inference.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.profile.Profiles;

class ModelCatalogTest {

    @TempDir
    Path dir;

    private void model(String folder, String id) throws Exception {
        Path f = Files.createDirectories(dir.resolve(folder));
        ModelDescriptors.write(f.resolve("model.json"), new ModelDescriptor(id, "denseav",
                ModelDescriptor.Source.TORCHSCRIPT, "model.pt", null, Profiles.DENSEAV, null, List.of(), List.of(),
                null));
    }

    @Test
    void findsOneModelPerFolderAndReportsBadOnes() throws Exception {
        model("b", "denseav-image");
        model("a", "denseav-audio");
        Files.writeString(dir.resolve("a/model.pt"), "weights");
        model("c", "denseav-audio");
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/model.json"), "{]");
        ModelCatalog c = ModelCatalog.scan(dir);
        assertThat(c.models()).extracting(e -> e.descriptor().id()).containsExactly("denseav-audio", "denseav-image");
        assertThat(c.byId("denseav-audio")).get().extracting(ModelCatalog.Entry::weightsPresent).isEqualTo(true);
        assertThat(c.byId("denseav-image")).get().extracting(ModelCatalog.Entry::weightsPresent).isEqualTo(false);
        assertThat(c.problems()).extracting(ModelCatalog.Problem::message)
                .anyMatch(m -> m.contains("model id 'denseav-audio' is also used by"))
                .anyMatch(m -> m.contains("not a valid model descriptor"));
        assertThat(ModelCatalog.scan(dir.resolve("none")).models()).isEmpty();
    }
}
