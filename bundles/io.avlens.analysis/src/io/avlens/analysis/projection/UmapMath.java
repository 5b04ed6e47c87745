package io.avlens.analysis.projection;

/**
 * A power function for UMAP's gradients, twice as fast as {@link Math#pow} at a relative error below 1e-4 (far below
 * the noise of stochastic gradient descent): {@code x^b = 2^(b log2 x)} with short series for log2 and 2^f.
 */
final class UmapMath {

    private UmapMath() {
    }

    /** x to the power b, for finite x > 0 and moderate b. */
    static double pow(double x, double b) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
        double m = Double.longBitsToDouble((bits & 0xfffffffffffffL) | 0x3ff0000000000000L);
        // log2(m) for m in [1, 2) by the atanh series in t = (m - 1) / (m + 1)
        double t = (m - 1) / (m + 1);
        double t2 = t * t;
        double log2 = exponent + t * (2.885390081777927 + t2 * (0.9617966939259756 + t2 * (0.5770780163555854
                + t2 * 0.4121985831)));
        double y = b * log2;
        double whole = Math.floor(y);
        double f = y - whole;
        double p = 1 + f * (0.6931471805599453 + f * (0.2402265069591007 + f * (0.05550410866482158
                + f * (0.009618129107628477 + f * (0.0013333558146428443 + f * 0.00015403530393381606)))));
        if (whole < -1000 || whole > 1000) {
            return Math.pow(x, b);
        }
        return p * Double.longBitsToDouble((long) (whole + 1023) << 52);
    }
}
