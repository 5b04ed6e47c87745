package io.avlens.ui.media.internal;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

import io.avlens.core.color.ColorMap;
import io.avlens.core.color.ColorScale;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.time.TimeRange;
import io.avlens.media.dsp.MelFilterBank;
import io.avlens.ui.widgets.ColorImages;
import io.avlens.ui.widgets.VerticalText;

/**
 * A clip's sound as the {@link TimelineCanvas} draws it: the waveform lane (min/max per pixel column) and the log-mel
 * lane with its frequency axis, for any visible time window, and the spectrogram's value under the mouse. The canvas
 * keeps the geometry, the cached background, the markers and the interaction; this class knows only the sound.
 * Immutable apart from what the GC draws.
 */
final class SoundLanes {

    private static final int BAR_WIDTH = 14;

    private final float[] samples;
    private final int sampleRate;
    private final int bins;
    private final int frames;
    /** The spectrogram's values, copied once: re-rendering on every zoom and pan must not copy the tensor. */
    private final float[] melValues;
    private final double melFps;
    private final MelSpec melSpec;
    private final double[] onsets;
    /** Whether the values are a difference of two unit-dB spectrograms (the readout then says so). */
    private final boolean difference;

    /**
     * @param audio           mono samples
     * @param rate            their sample rate
     * @param spectrogram     {@code [bins, frames]}, bin 0 lowest, values in the colour scale's range
     * @param framesPerSecond spectrogram frame rate
     * @param spec            how the spectrogram was made (for the frequency axis)
     * @param detected        detected onset times, seconds
     */
    SoundLanes(float[] audio, int rate, FloatTensor spectrogram, double framesPerSecond, MelSpec spec,
            double[] detected) {
        samples = audio;
        sampleRate = rate;
        bins = spectrogram.dim(0);
        frames = spectrogram.dim(1);
        melValues = spectrogram.toArray();
        melFps = framesPerSecond;
        melSpec = spec;
        onsets = detected.clone();
        difference = false;
    }

    private SoundLanes(float[] values, int bins, int frames, double fps, MelSpec spec) {
        samples = new float[0];
        sampleRate = 1;
        this.bins = bins;
        this.frames = frames;
        melValues = values;
        melFps = fps;
        melSpec = spec;
        onsets = new double[0];
        difference = true;
    }

    /**
     * The lane of {@code generated − original} (both unit-dB spectrograms of the same spec and frame rate), over the
     * frames both have; 1 is 100 dB.
     */
    static SoundLanes difference(SoundLanes generated, SoundLanes original) {
        if (generated.bins != original.bins) {
            throw new IllegalArgumentException("spectrograms of " + generated.bins + " and " + original.bins
                    + " bands cannot be compared");
        }
        int frames = Math.min(generated.frames, original.frames);
        float[] diff = new float[generated.bins * frames];
        for (int b = 0; b < generated.bins; b++) {
            for (int t = 0; t < frames; t++) {
                diff[b * frames + t] = generated.melValues[b * generated.frames + t]
                        - original.melValues[b * original.frames + t];
            }
        }
        return new SoundLanes(diff, generated.bins, frames, original.melFps, original.melSpec);
    }

    /** The value at band {@code bin}, frame {@code frame}; for tests. */
    float value(int bin, int frame) {
        return melValues[bin * frames + frame];
    }

    /** Spectrogram frames. */
    int frames() {
        return frames;
    }

    /** Detected onset times, seconds. */
    double[] onsets() {
        return onsets.clone();
    }

    /** The waveform of {@code window} in {@code r}: one min/max line per pixel column. */
    void drawWaveform(GC gc, Display display, Rectangle r, TimeRange window) {
        drawWaveform(gc, display, r, window, new Color(0x2b, 0x6c, 0xb0), true);
    }

    /**
     * The waveform in {@code colour}; {@code clear} paints the lane's background first (false draws over another
     * waveform, for the overlay of original and generated sound).
     */
    void drawWaveform(GC gc, Display display, Rectangle r, TimeRange window, Color colour, boolean clear) {
        if (clear) {
            gc.setBackground(display.getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
            gc.fillRectangle(r);
        }
        int mid = r.y + r.height / 2;
        gc.setForeground(colour);
        double perPixel = window.duration() / r.width * sampleRate;
        for (int x = 0; x < r.width; x++) {
            int from = (int) Math.floor((window.start() * sampleRate) + x * perPixel);
            int to = (int) Math.floor((window.start() * sampleRate) + (x + 1) * perPixel);
            from = Math.max(0, from);
            to = Math.min(samples.length, Math.max(to, from + 1));
            if (from >= samples.length) {
                break;
            }
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int i = from; i < to; i++) {
                float v = samples[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            int y0 = mid - (int) Math.round(Math.min(1, hi) * (r.height / 2 - 1));
            int y1 = mid - (int) Math.round(Math.max(-1, lo) * (r.height / 2 - 1));
            gc.drawLine(r.x + x, y0, r.x + x, Math.max(y0, y1));
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
        gc.setForeground(display.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        VerticalText.drawVertical(gc, VerticalText.fit(gc, "wave", r.height), 2, r.y + r.height / 2);
    }

    /**
     * The log-mel spectrogram of {@code window} in {@code r} (one image column per pixel: the maximum of the frames
     * it covers, or the nearest frame zoomed in; rows stretched), framed, with its frequency axis on the left.
     */
    void drawSpectrogram(GC gc, Display display, Rectangle r, TimeRange window, ColorScale scale) {
        ImageData data = ColorImages.rgb(r.width, bins);
        float[] row = new float[r.width];
        int[] argb = new int[r.width];
        SpectrogramColumns columns = SpectrogramColumns.of(window.start(), window.duration(), r.width, melFps, frames);
        for (int b = 0; b < bins; b++) {
            columns.maxOfRow(melValues, b * frames, row);
            scale.colorize(row, 0, argb, 0, r.width);
            data.setPixels(0, bins - 1 - b, r.width, argb, 0);
        }
        Image image = new Image(display, data);
        try {
            gc.setInterpolation(SWT.NONE);
            gc.drawImage(image, 0, 0, r.width, bins, r.x, r.y, r.width, r.height);
        } finally {
            image.dispose();
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
        gc.setForeground(display.getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        drawFrequencyAxis(gc, r);
    }

    /**
     * A name in the top-left corner of lane {@code r}, on a dark box so it reads over any colour; in a lane less
     * than three lines high (the overlaid waveform of a short timeline) as white text with a dark outline and no box,
     * so the box does not hide the lane's first sounds.
     */
    static void drawTag(GC gc, Display display, Rectangle r, String tag) {
        org.eclipse.swt.graphics.Point size = gc.textExtent(tag);
        if (r.height < 3 * size.y) {
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    if (dx != 0 || dy != 0) {
                        gc.drawText(tag, r.x + 4 + dx, r.y + 1 + dy, true);
                    }
                }
            }
            gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.drawText(tag, r.x + 4, r.y + 1, true);
            return;
        }
        gc.setBackground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.setAlpha(160);
        gc.fillRectangle(r.x + 1, r.y + 1, size.x + 6, size.y + 2);
        gc.setAlpha(255);
        gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
        gc.drawText(tag, r.x + 4, r.y + 2, true);
    }

    private void drawFrequencyAxis(GC gc, Rectangle r) {
        int h = gc.getFontMetrics().getHeight();
        double melLow = MelFilterBank.hzToMel(melSpec.fmin(), melSpec.scale());
        double melHigh = MelFilterBank.hzToMel(melSpec.fmax(), melSpec.scale());
        int lastLabel = Integer.MAX_VALUE; // the top of the last label drawn (they go upwards)
        for (double khz : new double[] {0.5, 1, 2, 4, 8, 16}) {
            double hz = khz * 1000;
            if (hz <= melSpec.fmin() || hz > melSpec.fmax()) {
                continue;
            }
            double frac = (MelFilterBank.hzToMel(hz, melSpec.scale()) - melLow) / (melHigh - melLow);
            int y = r.y + r.height - (int) Math.round(frac * r.height);
            gc.drawLine(r.x - 4, y, r.x - 1, y);
            int top = y - h / 2;
            if (top + h <= lastLabel && top >= r.y - h / 2) { // a label only where it has room (short lanes skip some)
                String s = (khz < 1 ? String.valueOf(khz) : String.valueOf((int) khz)) + "k";
                gc.drawText(s, r.x - 6 - gc.textExtent(s).x, top, true);
                lastLabel = top;
            }
        }
        VerticalText.drawVertical(gc, VerticalText.fit(gc, "mel (Hz)", r.height), 2, r.y + r.height / 2);
    }

    /**
     * What the spectrogram holds at media time {@code t} and height {@code frac} (0 bottom, 1 top of the lane):
     * {@code "   440 Hz   -26.9 dB"}, without the level outside the clip.
     */
    String readout(double t, double frac) {
        double melLow = MelFilterBank.hzToMel(melSpec.fmin(), melSpec.scale());
        double melHigh = MelFilterBank.hzToMel(melSpec.fmax(), melSpec.scale());
        double hz = MelFilterBank.melToHz(melLow + frac * (melHigh - melLow), melSpec.scale());
        int bin = Math.min(bins - 1, (int) (frac * bins));
        int frame = (int) Math.round(t * melFps);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "   %.0f Hz", hz));
        if (frame >= 0 && frame < frames) {
            double v = melValues[bin * frames + frame];
            text.append(difference ? String.format(Locale.ROOT, "   generated − original %+.1f dB", v * 100)
                    : String.format(Locale.ROOT, "   %.1f dB", v * 100 - 100)); // the lane's level, not its 0–1 colour value
        }
        return text.toString();
    }

    /** The colour bar of the spectrogram's scale ({@code bar}: 1 × 256 pixels, top = 0 dB) right of {@code r}. */
    static void drawColorBar(GC gc, Rectangle r, Image bar) {
        drawColorBar(gc, r, bar, new String[] {"0 dB", "-50", "-100"});
    }

    /** A colour bar with three labels, top, middle and bottom. */
    static void drawColorBar(GC gc, Rectangle r, Image bar, String[] labels) {
        int x = r.x + r.width + 8;
        gc.drawImage(bar, 0, 0, 1, ColorMap.SIZE, x, r.y, BAR_WIDTH, r.height);
        gc.drawRectangle(x - 1, r.y - 1, BAR_WIDTH + 1, r.height + 1);
        int h = gc.getFontMetrics().getHeight();
        boolean middle = r.height >= 3 * h; // a short lane has room for its top and bottom labels only
        for (int i = 0; i < 3; i++) {
            int y = r.y + i * (r.height - 1) / 2;
            gc.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 3, y);
            if (i == 1 && !middle || i == 2 && r.height < 2 * h) {
                continue;
            }
            // inside the lane's own height, so the labels of stacked lanes do not meet
            int top = Math.min(Math.max(r.y - 2, y - h / 2), r.y + r.height - h + 2);
            gc.drawText(labels[i], x + BAR_WIDTH + 5, top, true);
        }
    }
}
