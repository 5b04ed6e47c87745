package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.core.time.Bookmark;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.internal.ClipSound;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * Open clips do not keep their sound and spectrogram for the whole session: only the few looked at last stay open,
 * a closed one releases its shared data, and a cancelled analysis is not kept as the clip's answer.
 */
class AnalysisContextsTest {

    @TempDir
    Path dir;

    private AnalysisContexts contexts() {
        return Ui.sync(() -> new AnalysisContexts(EclipseContextFactory.create("analysis-contexts-test"),
                PlatformUI.getWorkbench().getService(IEventBroker.class), Ui.display()));
    }

    private List<MediaInfo> clips(int count) throws Exception {
        Path bounce = TestClips.bounce(dir);
        List<MediaInfo> clips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path copy = Files.copy(bounce, dir.resolve("clip-" + i + ".mp4"));
            clips.add(MediaProbe.probe(copy));
        }
        return clips;
    }

    @Test
    void openingMoreClipsThanTheBoundReleasesTheOnesActiveLongestAgo() throws Exception {
        int kept = AnalysisContexts.DEFAULT_KEPT;
        List<MediaInfo> clips = clips(kept + 2);
        AnalysisContexts contexts = contexts();
        List<AnalysisContext> opened = new ArrayList<>();
        List<ClipSound> sounds = new ArrayList<>();
        for (MediaInfo clip : clips) {
            Ui.run(() -> {
                AnalysisContext c = contexts.open(clip, List.of());
                opened.add(c);
                sounds.add(ClipSound.of(c)); // what the Timeline view asks for when a clip becomes active
                if (opened.size() == 1) {
                    c.addBookmark(this, new Bookmark(1.5, "first hit"));
                }
            });
        }

        assertThat(contexts.all()).containsExactlyElementsOf(opened.subList(2, kept + 2));
        for (AnalysisContext released : opened.subList(0, 2)) {
            assertThat(released.isClosed()).as("%s closed", released).isTrue();
            assertThat(released.attached(ClipSound.class)).as("the sound of %s dropped", released).isEmpty();
        }
        for (int i = 0; i < 2; i++) {
            ClipSound released = sounds.get(i);
            Ui.waitUntil("the released analysis to end", 30, () -> released.result().isDone());
        }
        for (AnalysisContext stays : opened.subList(2, kept + 2)) {
            assertThat(stays.isClosed()).isFalse();
            assertThat(stays.attached(ClipSound.class)).isPresent();
        }

        // the bound counts activations, not openings: the clip activated again stays, the next one goes
        Ui.run(() -> contexts.activate(opened.get(2)));
        AnalysisContext again = Ui.sync(() -> contexts.open(clips.get(0), List.of()));
        assertThat(opened.get(3).isClosed()).isTrue();
        assertThat(opened.get(2).isClosed()).isFalse();
        assertThat(contexts.active()).contains(again);
        assertThat(again).isNotSameAs(opened.get(0));
        assertThat(again.bookmarks()).as("the bookmarks of a clip come back when it is opened again")
                .containsExactly(new Bookmark(1.5, "first hit"));
    }

    @Test
    void aCancelledSoundAnalysisIsComputedAgainOnTheNextRequest() throws Exception {
        MediaInfo clip = clips(1).get(0);
        AnalysisContexts contexts = contexts();
        AnalysisContext context = Ui.sync(() -> contexts.open(clip, List.of()));
        ClipSound cancelled = Ui.sync(() -> {
            ClipSound s = ClipSound.of(context);
            s.job().cancel(); // as the Progress view's stop button does
            return s;
        });
        Ui.waitUntil("the cancelled analysis to end", 30, () -> cancelled.result().isDone());
        assertThat(cancelled.result().isCancelled()).isTrue();
        assertThat(context.attached(ClipSound.class)).as("a cancelled analysis is not kept").isEmpty();

        ClipSound again = Ui.sync(() -> ClipSound.of(context));
        assertThat(again).isNotSameAs(cancelled);
        ClipSound.Result result = again.result().get(60, TimeUnit.SECONDS);
        assertThat(result.audio().samples())
                .hasSizeGreaterThan((int) (TestClips.SECONDS * 0.9 * ClipSound.SAMPLE_RATE));
        assertThat(Ui.sync(() -> ClipSound.of(context))).as("a finished analysis is kept").isSameAs(again);
    }
}
