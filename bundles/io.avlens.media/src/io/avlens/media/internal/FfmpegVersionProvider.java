package io.avlens.media.internal;

import java.util.List;

import org.bytedeco.ffmpeg.global.avcodec;
import org.osgi.service.component.annotations.Component;

import io.avlens.core.about.ComponentVersion;
import io.avlens.core.about.ComponentVersionProvider;
import io.avlens.media.MediaProbe;

/** FFmpeg's version for the About dialog and {@code avlens version}. */
@Component(service = ComponentVersionProvider.class)
public class FfmpegVersionProvider implements ComponentVersionProvider {

    @Override
    public List<ComponentVersion> versions() {
        try {
            int codec = avcodec.avcodec_version();
            return List.of(new ComponentVersion("ffmpeg", "FFmpeg", MediaProbe.ffmpegVersion(),
                    "JavaCV 1.5.13, LGPL build, libavcodec " + (codec >> 16) + "." + (codec >> 8 & 0xff) + "."
                            + (codec & 0xff)));
        } catch (LinkageError e) {
            return List.of(new ComponentVersion("ffmpeg", "FFmpeg", "unavailable",
                    "the native libraries did not load: " + e.getMessage()));
        }
    }
}
