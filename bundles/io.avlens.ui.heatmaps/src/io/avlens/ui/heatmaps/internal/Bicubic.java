package io.avlens.ui.heatmaps.internal;

/**
 * Bicubic (Catmull–Rom, {@code a = −0.5}) upsampling of a small plane by a whole factor, sample centres aligned as
 * {@code torch.nn.functional.interpolate(mode="bicubic", align_corners=False)} aligns them, edges repeated. DenseAV's
 * display upsamples its heatmaps bicubically; SWT's scaling of an image is not smooth on every platform, so the
 * overlay upsamples the 16 × 16 slice a few times here and lets SWT scale the rest. Stateless.
 */
public final class Bicubic {

    private Bicubic() {
    }

    /** {@code values} ({@code [h, w]}, row-major) upsampled to {@code [h·factor, w·factor]}. */
    public static float[] upsample(float[] values, int h, int w, int factor) {
        int oh = h * factor;
        int ow = w * factor;
        float[] rows = new float[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                rows[y * ow + x] = sample(values, y * w, 1, w, (x + 0.5) / factor - 0.5);
            }
        }
        float[] out = new float[oh * ow];
        for (int x = 0; x < ow; x++) {
            for (int y = 0; y < oh; y++) {
                out[y * ow + x] = sample(rows, x, ow, h, (y + 0.5) / factor - 0.5);
            }
        }
        return out;
    }

    /** The cubic interpolation at position {@code u} of the {@code n} values {@code v[base + i·stride]}. */
    private static float sample(float[] v, int base, int stride, int n, double u) {
        int i = (int) Math.floor(u);
        double t = u - i;
        double sum = 0;
        for (int k = -1; k <= 2; k++) {
            int j = Math.max(0, Math.min(n - 1, i + k));
            sum += weight(k - t) * v[base + j * stride];
        }
        return (float) sum;
    }

    private static double weight(double x) {
        double a = -0.5;
        double d = Math.abs(x);
        if (d <= 1) {
            return ((a + 2) * d - (a + 3)) * d * d + 1;
        }
        if (d < 2) {
            return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
        }
        return 0;
    }
}
