package io.avlens.ui.media.internal;

import java.io.IOException;
import java.nio.file.Files;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

import io.avlens.media.MediaInfo;
import io.avlens.ui.media.VideoOverlay;

/** The ground-truth masks of AV-Shapes clips ({@code clip.masks.npy} beside the video) as a Video view overlay. */
@Component(service = VideoOverlay.class)
public final class GroundTruthMasks implements VideoOverlay {

    /** The overlay's name in the Video view. */
    public static final String NAME = "Ground-truth masks";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Layer open(MediaInfo clip, IProgressMonitor monitor) throws IOException {
        if (!clip.hasVideo() || !Files.isRegularFile(MaskOverlay.masksOf(clip.path()))) {
            return null;
        }
        double fps = clip.video().fps() > 0 ? clip.video().fps() : 25;
        return MaskOverlay.load(clip.path(), fps);
    }
}
