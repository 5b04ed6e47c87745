package io.avlens.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.avlens.core.event.AnalysisEvent;
import io.avlens.core.event.AnnotationsChanged;
import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.core.event.VisibleWindowChanged;
import io.avlens.core.time.Bookmark;
import io.avlens.core.time.TimeRange;
import io.avlens.core.time.TimeSelection;
import io.avlens.media.AudioSignal;
import io.avlens.media.MediaInfo;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.media.internal.Player;

/** The shared time of one analysis, and the playback clock, without a workbench. */
class AnalysisContextTest {

    private record Posted(String topic, AnalysisEvent event) {
    }

    private final List<Posted> posted = new ArrayList<>();
    private final List<Runnable> delayed = new ArrayList<>();
    private final AnalysisContext context = new AnalysisContext("clip-1",
            new MediaInfo(Path.of("/data/clip.mp4"), "mp4", 4.0, null, null),
            (topic, event) -> posted.add(new Posted(topic, event)), (task, delay) -> delayed.add(task));

    @Test
    void cursorMovesAreClampedAndPostedWithTheirSourceAndContext() {
        Object timeline = new Object();
        context.moveCursor(timeline, 9.0);
        assertThat(context.cursor()).isEqualTo(4.0);
        assertThat(posted).hasSize(1);
        TimeSelectionChanged e = (TimeSelectionChanged) posted.get(0).event();
        assertThat(posted.get(0).topic()).isEqualTo(AvLensTopics.TIME_SELECTION);
        assertThat(e.source()).isSameAs(timeline);
        assertThat(e.contextId()).isEqualTo("clip-1");
        assertThat(e.selection()).isEqualTo(TimeSelection.at(4.0));
        assertThat(context.isForeign(e, timeline)).as("a view ignores its own echo").isFalse();
        assertThat(context.isForeign(e, new Object())).as("other views take it").isTrue();
        assertThat(context.isForeign(new TimeSelectionChanged(timeline, "other", TimeSelection.at(1)), new Object()))
                .as("events of another analysis are not ours").isFalse();
    }

    @Test
    void aBurstOfScrubbingPostsTheFirstAtOnceAndTheLastLaterAndNothingInBetween() {
        Object video = new Object();
        for (int i = 0; i <= 10; i++) {
            context.moveCursor(video, i * 0.1);
        }
        assertThat(context.cursor()).as("the state itself is always current").isCloseTo(1.0, within(1e-12));
        assertThat(posted).hasSize(1);
        assertThat(((TimeSelectionChanged) posted.get(0).event()).selection().cursor()).isZero();
        assertThat(delayed).hasSize(1);
        delayed.remove(0).run(); // the throttle's interval passes
        // the delayed delivery happens only once the interval has passed on the real clock
        long end = System.nanoTime() + 2_000_000_000L;
        while (posted.size() < 2 && System.nanoTime() < end) {
            if (!delayed.isEmpty()) {
                delayed.remove(0).run();
            }
            Thread.onSpinWait();
        }
        assertThat(posted).hasSize(2);
        assertThat(((TimeSelectionChanged) posted.get(1).event()).selection().cursor()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void windowsAreKeptInsideTheClip() {
        context.showWindow(this, new TimeRange(3.0, 5.0));
        assertThat(context.window()).isEqualTo(new TimeRange(2.0, 4.0));
        assertThat(posted.get(0).topic()).isEqualTo(AvLensTopics.TIME_WINDOW);
        assertThat(((VisibleWindowChanged) posted.get(0).event()).window()).isEqualTo(new TimeRange(2.0, 4.0));
    }

    @Test
    void bookmarksAreKeptInTimeOrderAndAnnounced() {
        context.addBookmark(this, new Bookmark(2.5, "second hit"));
        context.addBookmark(this, new Bookmark(0.5, "first"));
        assertThat(context.bookmarks()).extracting(Bookmark::time).containsExactly(0.5, 2.5);
        assertThat(posted).extracting(Posted::topic).containsOnly(AvLensTopics.ANNOTATIONS);
        assertThat(posted.get(0).event()).isInstanceOf(AnnotationsChanged.class);
        assertThat(context.removeBookmark(this, new Bookmark(0.5, "first"))).isTrue();
        assertThat(context.removeBookmark(this, new Bookmark(0.5, "first"))).isFalse();
    }

    @Test
    void sharedDataIsMadeOnceForAllViews() {
        AtomicInteger made = new AtomicInteger();
        String first = context.attachment(String.class, c -> "spectrogram " + made.incrementAndGet());
        String second = context.attachment(String.class, c -> "spectrogram " + made.incrementAndGet());
        assertThat(first).isSameAs(second).isEqualTo("spectrogram 1");
    }

    @Test
    void theSilentClockLoopsInsideTheSelectedRange() throws InterruptedException {
        try (Player player = new Player(null, 4.0)) {
            player.setLoop(new TimeRange(1.0, 1.1));
            player.play(1.0, 1);
            assertThat(player.audioProblem()).isEqualTo("the clip has no sound");
            long end = System.nanoTime() + 400_000_000L;
            double max = 0;
            while (System.nanoTime() < end) {
                double t = player.position();
                assertThat(t).isBetween(1.0, 1.1);
                max = Math.max(max, t);
                Thread.sleep(5);
            }
            assertThat(max).as("the clock advanced").isGreaterThan(1.05);
            double stopped = player.stop();
            assertThat(player.isPlaying()).isFalse();
            assertThat(player.position()).isEqualTo(stopped);
        }
    }

    @Test
    void playingBackwardsStopsAtTheStart() throws InterruptedException {
        try (Player player = new Player(new AudioSignal(new float[16_000], 16_000), 1.0)) {
            player.play(0.1, -2);
            assertThat(player.audioProblem()).contains("backwards");
            Thread.sleep(150);
            assertThat(player.position()).isZero();
            assertThat(player.isPlaying()).isFalse();
        }
    }
}
