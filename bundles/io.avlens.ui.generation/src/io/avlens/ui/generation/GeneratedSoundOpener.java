package io.avlens.ui.generation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.media.ClipOpener;
import io.avlens.ui.media.Soundtracks;

/**
 * Opens generated samples with their clip: reads the records in a job, opens (or activates) the clip, adds every
 * sample of that clip to its {@link Soundtracks} and plays the first. Samples of another clip than the first
 * sample's are left out.
 */
public final class GeneratedSoundOpener {

    private GeneratedSoundOpener() {
    }

    /**
     * Starts opening the samples {@code files} (records or waveforms).
     *
     * @param display where {@code opened} and {@code failed} run
     * @param opened  receives the clip's analysis, its soundtracks added and the first chosen
     * @param failed  receives the message naming the file that cannot be opened and why
     * @return the scheduled job
     */
    public static Job open(List<Path> files, AnalysisContexts contexts, Display display,
            Consumer<AnalysisContext> opened, Consumer<String> failed) {
        return open(files, null, contexts, display, opened, failed);
    }

    /**
     * Starts opening the samples {@code files} of a run on its clip {@code media} (null: the clip their records name;
     * see {@link GeneratedSound#read(Path, Path)}).
     *
     * @return the scheduled job
     */
    public static Job open(List<Path> files, Path media, AnalysisContexts contexts, Display display,
            Consumer<AnalysisContext> opened, Consumer<String> failed) {
        Job job = Job.create("Opening generated sound", (IProgressMonitor monitor) -> {
            SubMonitor progress = SubMonitor.convert(monitor, files.size());
            List<GeneratedSound> sounds = new ArrayList<>();
            for (Path file : files) {
                try {
                    GeneratedSound sound = GeneratedSound.read(file, media);
                    if (sounds.isEmpty() || sounds.get(0).clip().equals(sound.clip())) {
                        sounds.add(sound);
                    }
                } catch (IOException e) {
                    display.asyncExec(() -> failed.accept(e.getMessage()));
                    return Status.OK_STATUS; // told to the user; not an error of AV Lens
                }
                progress.worked(1);
            }
            if (sounds.isEmpty()) {
                display.asyncExec(() -> failed.accept("No generated sample to open."));
                return Status.OK_STATUS;
            }
            ClipOpener.open(sounds.get(0).clip(), contexts, display, context -> {
                Soundtracks tracks = Soundtracks.of(context);
                sounds.forEach(s -> tracks.add(s.soundtrack()));
                tracks.choose(sounds.get(0).soundtrack().id());
                opened.accept(context);
            }, failed);
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }
}
