package io.avlens.ui.media.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.graphics.Rectangle;

/**
 * Where the {@link TimelineCanvas} puts its sound lanes: a waveform lane on top, then one or more spectrogram lanes
 * and, when asked, the difference lane, all on the same time axis. Without a compared soundtrack it is the clip's
 * waveform and spectrogram; with one, {@link SoundMode} says which sound's lanes show.
 */
final class LaneLayout {

    /** What a lane shows. */
    enum Kind {
        /** The waveform of the original ({@link Source#ORIGINAL}), the generated sound, or both. */
        WAVE,
        /** A log-mel spectrogram. */
        SPECTROGRAM,
        /** Generated − original log-mel. */
        DIFFERENCE
    }

    /** Whose sound a lane shows. */
    enum Source {
        ORIGINAL, GENERATED, BOTH
    }

    /** One lane: what, whose, where. */
    record Lane(Kind kind, Source source, Rectangle area) {
    }

    private static final int GAP = 6;

    private LaneLayout() {
    }

    /**
     * The lanes in plot area {@code p}, top to bottom.
     *
     * @param generated  whether a generated sound is there to show
     * @param mode       which sound to show (ignored without one)
     * @param difference whether to add the difference lane (ignored without a generated sound)
     */
    static List<Lane> of(Rectangle p, boolean generated, SoundMode mode, boolean difference) {
        List<Kind> kinds = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        SoundMode m = generated ? mode : SoundMode.ORIGINAL;
        kinds.add(Kind.WAVE);
        sources.add(m == SoundMode.OVERLAY ? Source.BOTH
                : m == SoundMode.GENERATED ? Source.GENERATED : Source.ORIGINAL);
        if (m != SoundMode.GENERATED) {
            kinds.add(Kind.SPECTROGRAM);
            sources.add(Source.ORIGINAL);
        }
        if (m != SoundMode.ORIGINAL) {
            kinds.add(Kind.SPECTROGRAM);
            sources.add(Source.GENERATED);
        }
        if (generated && difference) {
            kinds.add(Kind.DIFFERENCE);
            sources.add(Source.BOTH);
        }
        int below = kinds.size() - 1;
        int wave = Math.max(24, below > 1 ? p.height / 6 : p.height / 4);
        int each = Math.max(1, (p.height - wave - below * GAP) / below);
        List<Lane> lanes = new ArrayList<>();
        lanes.add(new Lane(Kind.WAVE, sources.get(0), new Rectangle(p.x, p.y, p.width, wave)));
        int y = p.y + wave + GAP;
        for (int i = 1; i < kinds.size(); i++) {
            int h = i == kinds.size() - 1 ? Math.max(1, p.y + p.height - y) : each;
            lanes.add(new Lane(kinds.get(i), sources.get(i), new Rectangle(p.x, y, p.width, h)));
            y += h + GAP;
        }
        return lanes;
    }
}
