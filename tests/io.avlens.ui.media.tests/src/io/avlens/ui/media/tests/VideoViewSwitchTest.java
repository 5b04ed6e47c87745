package io.avlens.ui.media.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.VideoView;
import io.avlens.ui.testing.TestClips;
import io.avlens.ui.testing.Ui;

/**
 * Switching clips quickly in the Video view: the sound of each clip left behind stops decoding, nothing is logged as
 * an error, and the view ends on the last clip with that clip's sound decoded last.
 */
class VideoViewSwitchTest {

    @TempDir
    Path dir;

    @Test
    void switchingClipsTwentyTimesLogsNothingAndDecodesOnlyTheLastClipsSound() throws Exception {
        IWorkbenchWindow window = Ui.window();
        VideoView video = Ui.part(window, VideoView.ID, VideoView.class);
        Path bounce = TestClips.bounce(dir);
        List<MediaInfo> clips = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clips.add(MediaProbe.probe(Files.copy(bounce, dir.resolve("switch-" + i + ".mp4"))));
        }
        AnalysisContexts contexts = Ui.sync(
                () -> PlatformUI.getWorkbench().getService(IEclipseContext.class).get(AnalysisContexts.class));

        List<IStatus> errors = Collections.synchronizedList(new ArrayList<>());
        List<String> decoded = Collections.synchronizedList(new ArrayList<>());
        ILogListener log = (status, plugin) -> {
            if (status.getSeverity() == IStatus.ERROR) {
                errors.add(status);
            }
        };
        IJobChangeListener jobs = new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult() != null && event.getResult().getSeverity() == IStatus.ERROR) {
                    errors.add(event.getResult());
                }
                if (isSoundDecoding(event.getJob()) && event.getResult() != null && event.getResult().isOK()) {
                    decoded.add(event.getJob().getName());
                }
            }
        };
        Platform.addLogListener(log);
        Job.getJobManager().addJobChangeListener(jobs);
        try {
            List<AnalysisContext> opened = Ui.sync(() -> clips.stream().map(c -> contexts.open(c, List.of())).toList());
            Ui.waitUntil("the sound of the opened clips", 60, () -> !soundDecoding());
            Ui.settle(); // a decode the openings scheduled late (a busy machine) ends before counting starts
            Ui.waitUntil("the sound of the opened clips", 60, () -> !soundDecoding());
            decoded.clear();
            // the clip shown last has its cursor near the end: the next clip's scrubber must not stay there
            Ui.run(() -> opened.get(2).moveCursor(this, 3.0));
            Ui.waitUntil("the scrubber near the end", 10, () -> video.scrubberFraction() > 0.7);

            Ui.run(() -> {
                for (int i = 0; i < 20; i++) {
                    contexts.activate(opened.get(i % 3));
                }
            });
            AnalysisContext last = opened.get(19 % 3);
            Ui.waitUntil("the view to show the last clip", 30,
                    () -> last.file().equals(video.clip()) && !Double.isNaN(video.shownTime()));
            Ui.waitUntil("the sound decoding to end", 60, () -> !soundDecoding());
            Ui.settle();

            // a clip left behind stops decoding when the view switches away; one whose decode (a short clip) happened
            // to end before the switch reached it may count too (CI once saw one), but not most of the twenty
            assertThat(decoded).as("sound decodes that ran to the end, of 20 switches").isNotEmpty()
                    .hasSizeLessThanOrEqualTo(3).endsWith("Decoding the sound of " + last.title());
            assertThat(errors).as("errors logged while switching").isEmpty();
            assertThat(Ui.sync(video::position)).isZero();
            assertThat(Ui.sync(video::scrubberFraction)).as("the scrubber at the last clip's cursor").isZero();
            Ui.screenshot(window.getShell(), "video-view-after-switching");
        } finally {
            Job.getJobManager().removeJobChangeListener(jobs);
            Platform.removeLogListener(log);
        }
    }

    private static boolean isSoundDecoding(Job job) {
        return job.belongsTo(VideoView.SOUND_JOBS) || job.getName().startsWith("Decoding the sound of ");
    }

    private static boolean soundDecoding() {
        for (Job job : Job.getJobManager().find(null)) {
            if (isSoundDecoding(job)) {
                return true;
            }
        }
        return false;
    }
}
