package io.avlens.ui.media.internal;

import java.util.List;
import java.util.Objects;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.time.TimeRange;
import io.avlens.ui.widgets.ColorImages;

/**
 * The sounds of the {@link TimelineCanvas} and how their lanes are drawn: the clip's own sound, a generated one to
 * compare with it (shown as {@link SoundMode} says), their log-mel difference on request, the spectrogram colour
 * scale and its colour bars. Lays the lanes out in a plot rectangle ({@link LaneLayout}), draws them with their
 * tags, and reads values under the pointer. Owns the colour-bar images ({@link #dispose}). UI thread.
 */
final class TimelineSounds {

    private static final ColorScale DIFFERENCE_SCALE = new ColorScale(ColorMap.COOLWARM, -0.5, 0.5);
    private static final Color ORIGINAL = new Color(0x2b, 0x6c, 0xb0);
    private static final Color GENERATED = new Color(0xe0, 0x6c, 0x00);

    private final Display display;
    private SoundLanes sound;
    private SoundLanes generated;
    private String generatedLabel = "generated";
    private SoundLanes difference;
    private SoundMode mode = SoundMode.ORIGINAL;
    private boolean showDifference;
    private ColorScale scale = new ColorScale(ColorMap.MAGMA, 0, 1);
    private Image bar;
    private Image differenceBar;

    TimelineSounds(Display display) {
        this.display = display;
        bar = ColorImages.colorBar(display, scale.map());
    }

    /** The clip's own sound (null: none yet). */
    void setSound(SoundLanes newSound) {
        sound = newSound;
        difference = null;
    }

    /** The generated sound to compare (null: none) and its name for the lanes' tags (null: "generated"). */
    void setGenerated(SoundLanes newGenerated, String label) {
        generated = newGenerated;
        generatedLabel = label == null ? "generated" : label;
        difference = null;
    }

    void setMode(SoundMode newMode) {
        mode = Objects.requireNonNull(newMode);
    }

    SoundMode mode() {
        return mode;
    }

    void setDifferenceShown(boolean shown) {
        showDifference = shown;
    }

    boolean hasSound() {
        return sound != null;
    }

    boolean hasGenerated() {
        return generated != null;
    }

    /** The spectrograms' colour map (their bar image is made anew). */
    void setColorMap(ColorMap map) {
        scale = new ColorScale(map, scale.low(), scale.high());
        bar.dispose();
        bar = ColorImages.colorBar(display, map);
    }

    ColorMap colorMap() {
        return scale.map();
    }

    /** The lanes in plot rectangle {@code plot}, top to bottom (the first is a waveform). */
    List<LaneLayout.Lane> lanes(Rectangle plot) {
        return LaneLayout.of(plot, generated != null, mode, showDifference);
    }

    /** Generated − original (made when first asked), or null without both. */
    SoundLanes difference() {
        if (difference == null && generated != null && sound != null) {
            difference = SoundLanes.difference(generated, sound);
        }
        return difference;
    }

    /** The sound a lane shows (the difference for its lane). */
    SoundLanes of(LaneLayout.Lane lane) {
        return lane.kind() == LaneLayout.Kind.DIFFERENCE ? difference()
                : lane.source() == LaneLayout.Source.GENERATED ? generated : sound;
    }

    /** The onsets detected in the sound of the waveform lane. */
    double[] waveOnsets(List<LaneLayout.Lane> lanes) {
        return (lanes.get(0).source() == LaneLayout.Source.GENERATED ? generated : sound).onsets();
    }

    /** Draws every lane over {@code window} (their tags: {@link #drawTags}, after the markers). */
    void draw(GC gc, List<LaneLayout.Lane> lanes, TimeRange window) {
        for (LaneLayout.Lane l : lanes) {
            drawLane(gc, l, window);
        }
    }

    /** Draws the lanes' tags (only with a generated sound, when there is more than one sound to tell apart). */
    void drawTags(GC gc, List<LaneLayout.Lane> lanes) {
        if (generated != null) {
            for (LaneLayout.Lane l : lanes) {
                SoundLanes.drawTag(gc, display, l.area(), tag(l));
            }
        }
    }

    private void drawLane(GC gc, LaneLayout.Lane l, TimeRange window) {
        Rectangle r = l.area();
        switch (l.kind()) {
            case WAVE -> {
                if (l.source() == LaneLayout.Source.BOTH) {
                    sound.drawWaveform(gc, display, r, window, ORIGINAL, true);
                    gc.setAlpha(170);
                    generated.drawWaveform(gc, display, r, window, GENERATED, false);
                    gc.setAlpha(255);
                } else {
                    of(l).drawWaveform(gc, display, r, window,
                            l.source() == LaneLayout.Source.GENERATED ? GENERATED : ORIGINAL, true);
                }
            }
            case SPECTROGRAM -> {
                of(l).drawSpectrogram(gc, display, r, window, scale);
                SoundLanes.drawColorBar(gc, r, bar);
            }
            case DIFFERENCE -> {
                difference().drawSpectrogram(gc, display, r, window, DIFFERENCE_SCALE);
                if (differenceBar == null) {
                    differenceBar = ColorImages.colorBar(display, DIFFERENCE_SCALE.map());
                }
                SoundLanes.drawColorBar(gc, r, differenceBar, new String[] {"+50", "0 dB", "-50"});
            }
            default -> throw new IllegalStateException(l.kind().toString());
        }
    }

    /** The name of a lane, e.g. "generated (ω 4.5, γ 50, seed 21)". */
    private String tag(LaneLayout.Lane l) {
        return switch (l.kind()) {
            case WAVE -> l.source() == LaneLayout.Source.BOTH ? "original (blue) + " + shortName(generatedLabel)
                    + " (orange)"
                    : l.source() == LaneLayout.Source.GENERATED ? generatedLabel : "original";
            case SPECTROGRAM -> l.source() == LaneLayout.Source.GENERATED ? generatedLabel : "original";
            case DIFFERENCE -> "generated − original log-mel: red = generated louder, blue = original louder";
        };
    }

    /** A soundtrack's name without its settings: "generated" of "generated (ω 4.5, γ 50, seed 21)". */
    static String shortName(String label) {
        int paren = label.indexOf(" (");
        return paren > 0 ? label.substring(0, paren) : label;
    }

    /** What the spectrogram or difference lane under ({@code x}, {@code y}) holds at time {@code t}, or empty. */
    String readout(List<LaneLayout.Lane> lanes, int x, int y, double t) {
        StringBuilder text = new StringBuilder();
        for (LaneLayout.Lane l : lanes) {
            Rectangle s = l.area();
            if (l.kind() != LaneLayout.Kind.WAVE && s.contains(x, y)) {
                text.append(of(l).readout(t, (s.y + s.height - y) / (double) s.height));
            }
        }
        return text.toString();
    }

    void dispose() {
        bar.dispose();
        if (differenceBar != null) {
            differenceBar.dispose();
        }
    }
}
