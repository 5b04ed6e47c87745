package io.avlens.synth;

import java.util.Locale;

/**
 * What an AV-Shapes object is made of: it decides the object's look (colour and texture) and its sound. Impacts are
 * synthesised by modal synthesis: a sum of exponentially decaying sines plus a short noise burst,
 * <pre>
 *   s(t) = A · [ Σ_i g_i · e^(−6.91 t / T60_i) · sin(2π r_i f t) / Σ_i g_i  +  n · w(t) · e^(−t / τ) ],   t ≥ 0
 * </pre>
 * where {@code f} is the material's base frequency scaled by the object's size ({@code f = f0 · 10 px-per-128 /
 * radius}: bigger objects sound lower), {@code w} white noise, and {@code A} follows the impact speed. The table
 * (base frequency {@code f0} in Hz, mode ratios {@code r_i}, decay times to −60 dB {@code T60_i} in seconds, mode
 * gains {@code g_i}, noise share {@code n} and noise decay {@code τ} in seconds):
 * <table>
 * <caption>modal table</caption>
 * <tr><th>material</th><th>f0</th><th>r_i</th><th>T60_i</th><th>g_i</th><th>n</th><th>τ</th><th>look</th></tr>
 * <tr><td>wood</td><td>420</td><td>1, 2.57, 4.21</td><td>0.08, 0.05, 0.03</td><td>1, .5, .3</td><td>.50</td>
 * <td>.006</td><td>brown, grain</td></tr>
 * <tr><td>metal</td><td>880</td><td>1, 2.76, 5.40, 8.93</td><td>0.80, 0.55, 0.35, 0.25</td><td>1, .6, .4, .25</td>
 * <td>.30</td><td>.003</td><td>silver, brushed</td></tr>
 * <tr><td>glass</td><td>1760</td><td>1, 2.32, 4.25, 6.63</td><td>0.45, 0.30, 0.20, 0.12</td><td>1, .5, .3, .2</td>
 * <td>.25</td><td>.002</td><td>blue, highlight</td></tr>
 * <tr><td>ceramic</td><td>1180</td><td>1, 2.09, 3.52</td><td>0.20, 0.13, 0.08</td><td>1, .5, .3</td><td>.35</td>
 * <td>.003</td><td>white, speckled</td></tr>
 * <tr><td>rubber</td><td>140</td><td>1, 1.87</td><td>0.04, 0.025</td><td>1, .4</td><td>.60</td><td>.010</td>
 * <td>red, matte</td></tr>
 * </table>
 * The modes ratios of metal are those of a free bar, glass and ceramic those of thin shells, wood and rubber are
 * strongly damped; the numbers are chosen by ear, not measured. A scratch (sliding contact) is white noise through
 * a one-pole low-pass with the material's {@link #scratchSmoothing()}, its amplitude following the sliding speed.
 */
public enum Material {
    WOOD("wooden", "brown", 0x8b5a2b, 420, new double[] {1, 2.57, 4.21}, new double[] {0.08, 0.05, 0.03},
            new double[] {1, .5, .3}, .50, .006, 0.5, 0.6),
    METAL("metal", "silver", 0xb4b9c3, 880, new double[] {1, 2.76, 5.40, 8.93}, new double[] {0.80, 0.55, 0.35, 0.25},
            new double[] {1, .6, .4, .25}, .30, .003, 0.45, 0.2),
    GLASS("glass", "blue", 0x78c8f0, 1760, new double[] {1, 2.32, 4.25, 6.63}, new double[] {0.45, 0.30, 0.20, 0.12},
            new double[] {1, .5, .3, .2}, .25, .002, 0.4, 0.1),
    CERAMIC("ceramic", "white", 0xebe6dc, 1180, new double[] {1, 2.09, 3.52}, new double[] {0.20, 0.13, 0.08},
            new double[] {1, .5, .3}, .35, .003, 0.35, 0.3),
    RUBBER("rubber", "red", 0xd22828, 140, new double[] {1, 1.87}, new double[] {0.04, 0.025}, new double[] {1, .4},
            .60, .010, 0.8, 0.85);

    private final String adjective;
    private final String colourName;
    private final int rgb;
    private final double baseFrequency;
    private final double[] ratios;
    private final double[] decays;
    private final double[] gains;
    private final double noise;
    private final double noiseDecay;
    private final double restitution;
    private final double scratchSmoothing;

    Material(String adjective, String colourName, int rgb, double baseFrequency, double[] ratios, double[] decays,
            double[] gains, double noise, double noiseDecay, double restitution, double scratchSmoothing) {
        this.adjective = adjective;
        this.colourName = colourName;
        this.rgb = rgb;
        this.baseFrequency = baseFrequency;
        this.ratios = ratios;
        this.decays = decays;
        this.gains = gains;
        this.noise = noise;
        this.noiseDecay = noiseDecay;
        this.restitution = restitution;
        this.scratchSmoothing = scratchSmoothing;
    }

    /** Lower-case name as the sidecar writes it: {@code wood}, {@code metal}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The adjective narration uses: {@code wooden}, {@code metal}. */
    public String adjective() {
        return adjective;
    }

    /** The name of the object's colour, which is also the word the speech track says for it. */
    public String colourName() {
        return colourName;
    }

    /** Base colour, {@code 0xRRGGBB}. */
    public int rgb() {
        return rgb;
    }

    /** Base frequency {@code f0} for an object of radius 10 px in a 128 px frame, Hz. */
    public double baseFrequency() {
        return baseFrequency;
    }

    /** Number of modes. */
    public int modes() {
        return ratios.length;
    }

    /** Frequency ratio of mode {@code i} to the base frequency. */
    public double ratio(int i) {
        return ratios[i];
    }

    /** Decay time of mode {@code i} to −60 dB, seconds. */
    public double decay(int i) {
        return decays[i];
    }

    /** Gain of mode {@code i}. */
    public double gain(int i) {
        return gains[i];
    }

    /** Share of the noise burst in an impact. */
    public double noise() {
        return noise;
    }

    /** Time constant of the noise burst, seconds. */
    public double noiseDecay() {
        return noiseDecay;
    }

    /** Longest modal decay to −60 dB, seconds. */
    public double longestDecay() {
        double d = 0;
        for (double x : decays) {
            d = Math.max(d, x);
        }
        return d;
    }

    /** Share of the normal speed kept in a bounce. */
    public double restitution() {
        return restitution;
    }

    /** Coefficient of the one-pole low-pass that colours scratch noise (0 = white, near 1 = dull). */
    public double scratchSmoothing() {
        return scratchSmoothing;
    }
}
