package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import io.avlens.model.Clip;
import io.avlens.model.Experiment;
import io.avlens.model.ModelSource;
import io.avlens.model.Project;
import io.avlens.model.RealListParameter;
import io.avlens.model.RealParameter;
import io.avlens.model.store.internal.XmiProjectStore;

/** The first-start demo project: complete or absent, never half-made, never overwriting. */
class DemoProjectTest {

    @TempDir
    Path temp;

    @Test
    void createsTheDatasetModelAndExperimentInPlace() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Path folder = temp.resolve("demo");
        int[] reported = new int[1];
        Path made = new DemoProject(store).create(folder, new SynthProgress() {
            @Override
            public void clipsDone(int done, int total) {
                reported[0] = done;
                assertThat(total).isEqualTo(DemoProject.SPEC.clips());
            }
        });

        assertThat(made).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(reported[0]).isEqualTo(DemoProject.SPEC.clips());
        assertThat(temp.resolve("demo.creating")).doesNotExist();
        Project project = store.open(folder);
        assertThat(project.getName()).isEqualTo(DemoProject.NAME);
        assertThat(store.validate(project)).isEmpty();
        assertThat(project.getDatasets()).hasSize(1);
        assertThat(project.getDatasets().get(0).getClips()).hasSize(12);
        assertThat(project.getModels()).extracting(m -> m.getId()).containsExactly("cavp-small", "mc3-small",
                "diff-foley-small");
        assertThat(project.getModels().get(0)).satisfies(m -> {
            assertThat(m.getId()).isEqualTo("cavp-small");
            assertThat(m.getFamily()).isEqualTo("cavp");
            assertThat(m.getSource()).isEqualTo(ModelSource.BUILT_IN);
            assertThat(m.getProfile().getFps()).isEqualTo(8.0);
            assertThat(m.getProfile().getFrameWidth()).isEqualTo(64);
        });
        Experiment experiment = project.getExperiments().get(0);
        assertThat(experiment.getId()).isEqualTo("cavp-sync");
        assertThat(experiment.getKind()).isEqualTo("similarity");
        assertThat(experiment.getModels()).containsExactly(project.getModels().get(0));
        assertThat(experiment.getSelection().getDataset()).isSameAs(project.getDatasets().get(0));
        assertThat(experiment.getSelection().getSplit()).isNull();
        assertThat(experiment.getParameters()).singleElement()
                .isInstanceOfSatisfying(RealParameter.class, p -> assertThat(p.getValue()).isEqualTo(1.0));
        // MC3-small is ready too: an embedding experiment over every clip
        Experiment embed = project.getExperiments().get(1);
        assertThat(embed.getId()).isEqualTo(DemoProject.EMBED_EXPERIMENT);
        assertThat(embed.getKind()).isEqualTo("embed");
        assertThat(embed.getModels()).singleElement().satisfies(m -> {
            assertThat(m.getFamily()).isEqualTo("mc3");
            assertThat(m.getSource()).isEqualTo(ModelSource.BUILT_IN);
        });
        assertThat(embed.getSelection().getDataset()).isSameAs(project.getDatasets().get(0));
        // and Diff-Foley-small: a generation experiment over every clip, its parameters the task's defaults
        Experiment generate = project.getExperiments().get(2);
        assertThat(generate.getId()).isEqualTo(DemoProject.GENERATE_EXPERIMENT);
        assertThat(generate.getKind()).isEqualTo("generate");
        assertThat(generate.getModels()).singleElement().satisfies(m -> {
            assertThat(m.getFamily()).isEqualTo("diff-foley");
            assertThat(m.getSource()).isEqualTo(ModelSource.BUILT_IN);
        });
        assertThat(generate.getSelection().getSplit()).isNull();
        // and its guidance sweep: the default 4 x 4 grid on one clip, the one in sync
        Experiment sweep = project.getExperiments().get(3);
        assertThat(sweep.getId()).isEqualTo(DemoProject.SWEEP_EXPERIMENT);
        assertThat(sweep.getKind()).isEqualTo("sweep");
        assertThat(sweep.getModels()).containsExactly(generate.getModels().get(0));
        assertThat(sweep.getSelection().getClips()).containsExactly(DemoProject.sweepClip(project).orElseThrow());
        assertThat(sweep.getParameters()).extracting(p -> p.getName()).containsExactly("omegas", "gammas");
        assertThat(((RealListParameter) sweep.getParameters().get(0)).getValues()).containsExactly(1.0, 2.5, 4.5,
                7.0);
        assertThat(((RealListParameter) sweep.getParameters().get(1)).getValues()).containsExactly(0.0, 25.0, 50.0,
                100.0);

        // the clips are really lagged within the promised range, and not all in sync
        int lagged = 0;
        Clip furthest = null;
        double largest = -1;
        Clip closest = null;
        double smallest = Double.MAX_VALUE;
        for (Clip clip : project.getDatasets().get(0).getClips()) {
            Path media = folder.resolve(clip.getMediaLocation());
            assertThat(media).isRegularFile();
            String stem = media.getFileName().toString().replaceFirst("\\.mp4$", "");
            double lag = JsonParser.parseString(Files.readString(media.resolveSibling(stem + ".json")))
                    .getAsJsonObject().get("lagSeconds").getAsDouble();
            assertThat(Math.abs(lag)).isLessThanOrEqualTo(0.5);
            lagged += lag != 0 ? 1 : 0;
            if (Math.abs(lag) > largest) {
                largest = Math.abs(lag);
                furthest = clip;
            }
            if (Math.abs(lag) < smallest) {
                smallest = Math.abs(lag);
                closest = clip;
            }
        }
        assertThat(lagged).isGreaterThan(6);
        assertThat(DemoProject.showcase(project)).as("the clip the demo opens first: furthest out of sync")
                .containsSame(furthest);
        assertThat(DemoProject.sweepClip(project)).as("the clip the sweep runs on: the closest to sync")
                .containsSame(closest);
    }

    @Test
    void anExistingProjectIsKeptAsItIs() throws Exception {
        XmiProjectStore store = new XmiProjectStore();
        Path folder = temp.resolve("mine");
        Project mine = store.create(folder, "my own project");
        store.save(mine);
        byte[] before = Files.readAllBytes(folder.resolve("project.avlens"));

        new DemoProject(store).create(folder, SynthProgress.NONE);

        assertThat(Files.readAllBytes(folder.resolve("project.avlens"))).isEqualTo(before);
        assertThat(folder.resolve("media")).doesNotExist();
    }

    @Test
    void cancellingLeavesNothingBehind() {
        XmiProjectStore store = new XmiProjectStore();
        Path folder = temp.resolve("demo");
        SynthProgress stopAfterTwo = new SynthProgress() {
            private int done;

            @Override
            public void clipsDone(int n, int total) {
                done = n;
            }

            @Override
            public boolean isCanceled() {
                return done >= 2;
            }
        };

        assertThatThrownBy(() -> new DemoProject(store).create(folder, stopAfterTwo))
                .isInstanceOf(CancellationException.class);
        assertThat(folder).doesNotExist();
        assertThat(temp.resolve("demo.creating")).doesNotExist();
    }

    @Test
    void aFolderWithOtherFilesIsRefusedNamingIt() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(folder.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> new DemoProject(new XmiProjectStore()).create(folder, SynthProgress.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining(folder.toString())
                .hasMessageContaining("not an AV Lens project");
        assertThat(folder.resolve("notes.txt")).hasContent("mine");
    }
}
