package io.avlens.analysis.search;

import java.util.Random;

/** Unit vectors around random centres, as embeddings of a few classes are (random Gaussian data has no neighbours). */
final class ClusteredData {

    private ClusteredData() {
    }

    static float[] rows(int n, int d, int clusters, double spread, long seed) {
        Random rnd = new Random(seed);
        float[][] centres = new float[clusters][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) rnd.nextGaussian();
            }
        }
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] c = centres[rnd.nextInt(clusters)];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (c[j] + spread * rnd.nextGaussian());
                norm += v[i * d + j] * v[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                v[i * d + j] /= (float) Math.sqrt(norm);
            }
        }
        return v;
    }
}
