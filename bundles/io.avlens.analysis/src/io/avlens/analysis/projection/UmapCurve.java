package io.avlens.analysis.projection;

/**
 * The layout's similarity curve {@code 1 / (1 + a d^(2b))}, a and b fitted by least squares (Levenberg-Marquardt,
 * as scipy's {@code curve_fit} in umap-learn's {@code find_ab_params}) to 1 below {@code minDist} and
 * {@code exp(-(d - minDist) / spread)} above, on 300 distances from 0 to {@code 3 spread}.
 */
public record UmapCurve(double a, double b) {

    /** Fits a and b; for minDist 0.1 and spread 1 they are about 1.577 and 0.895, as umap-learn's. */
    public static UmapCurve fit(double minDist, double spread) {
        int m = 300;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = spread * 3 * i / (m - 1);
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double cost = cost(x, y, a, b);
        for (int iter = 0; iter < 500; iter++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 0; i < m; i++) {
                double p = x[i] == 0 ? 0 : Math.pow(x[i], 2 * b);
                double f = 1 / (1 + a * p);
                double da = -p * f * f;
                double db = x[i] == 0 ? 0 : -a * p * 2 * Math.log(x[i]) * f * f;
                double r = y[i] - f;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double maa = jaa * (1 + lambda);
            double mbb = jbb * (1 + lambda);
            double det = maa * mbb - jab * jab;
            double stepA = (mbb * ga - jab * gb) / det;
            double stepB = (maa * gb - jab * ga) / det;
            double next = cost(x, y, a + stepA, b + stepB);
            if (next < cost) {
                a += stepA;
                b += stepB;
                boolean converged = cost - next < 1e-15 * Math.max(1, cost);
                cost = next;
                lambda /= 10;
                if (converged) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new UmapCurve(a, b);
    }

    private static double cost(double[] x, double[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double f = 1 / (1 + a * (x[i] == 0 ? 0 : Math.pow(x[i], 2 * b)));
            s += (y[i] - f) * (y[i] - f);
        }
        return s;
    }
}
