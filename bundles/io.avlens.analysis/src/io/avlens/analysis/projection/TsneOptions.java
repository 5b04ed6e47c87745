package io.avlens.analysis.projection;

/**
 * The settings of {@link Tsne}. The defaults ({@link #defaults()}) follow openTSNE and scikit-learn ≥ 1.2: perplexity
 * 30, 750 iterations of which the first 250 with early exaggeration 12, momentum 0.5 then 0.8, the learning rate
 * {@code max(n / 12, 200)} (Belkina et al. 2019; our gradient has no factor 4, as in FIt-SNE and openTSNE), PCA
 * initialisation scaled to a standard deviation of 1e-4.
 *
 * @param perplexity            the effective number of neighbours each point's affinities are calibrated to;
 *                              3 × perplexity neighbours are searched (at most n − 1)
 * @param iterations            gradient-descent iterations in all, early exaggeration included
 * @param exaggerationIterations the first iterations, with attraction multiplied by {@code exaggeration}
 * @param exaggeration          early exaggeration factor
 * @param learningRate          step size; 0 or less means automatic, {@code max(n / exaggeration, 200)}
 * @param initialisation        the starting layout
 * @param seed                  seeds the random initialisation and the PCA start vector
 * @param threads               worker threads (results are deterministic for a seed and a thread count)
 * @param layoutEvery           iterations between intermediate layouts sent to the monitor; 0 for none
 * @param minBoxes              interpolation boxes per side at least (FIt-SNE uses 50); more boxes, finer grid:
 *                              at 10,000 points 150 kept 17.1% of the 10 nearest neighbours against 14.8% with 50
 *                              (scikit-learn: 16.6%), for about three times the gradient time
 */
public record TsneOptions(double perplexity, int iterations, int exaggerationIterations, double exaggeration,
        double learningRate, Initialisation initialisation, long seed, int threads, int layoutEvery, int minBoxes) {

    /** How the layout starts. */
    public enum Initialisation {
        /** The first two principal components, scaled to a standard deviation of 1e-4 (scikit-learn, openTSNE). */
        PCA,
        /** Independent Gaussian coordinates of standard deviation 1e-4. */
        RANDOM
    }

    public TsneOptions {
        if (!(perplexity >= 1) || iterations < 1 || exaggerationIterations < 0 || !(exaggeration >= 1)
                || threads < 1 || layoutEvery < 0 || minBoxes < 1 || initialisation == null) {
            throw new IllegalArgumentException("t-SNE needs perplexity >= 1, iterations >= 1, exaggeration >= 1,"
                    + " threads >= 1, got perplexity " + perplexity + ", " + iterations + " iterations, exaggeration "
                    + exaggeration + ", " + threads + " threads");
        }
    }

    /** The defaults with one thread per available core. */
    public static TsneOptions defaults() {
        return new TsneOptions(30, 750, 250, 12, 0, Initialisation.PCA, 1,
                Runtime.getRuntime().availableProcessors(), 10, 50);
    }

    /** These options with another perplexity. */
    public TsneOptions withPerplexity(double value) {
        return new TsneOptions(value, iterations, exaggerationIterations, exaggeration, learningRate, initialisation,
                seed, threads, layoutEvery, minBoxes);
    }

    /** These options with another number of iterations, early exaggeration's included. */
    public TsneOptions withIterations(int total, int exaggerated) {
        return new TsneOptions(perplexity, total, exaggerated, exaggeration, learningRate, initialisation, seed,
                threads, layoutEvery, minBoxes);
    }

    /** These options with another seed. */
    public TsneOptions withSeed(long value) {
        return new TsneOptions(perplexity, iterations, exaggerationIterations, exaggeration, learningRate,
                initialisation, value, threads, layoutEvery, minBoxes);
    }

    /** These options with another thread count. */
    public TsneOptions withThreads(int value) {
        return new TsneOptions(perplexity, iterations, exaggerationIterations, exaggeration, learningRate,
                initialisation, seed, value, layoutEvery, minBoxes);
    }

    /** These options with another initialisation. */
    public TsneOptions withInitialisation(Initialisation value) {
        return new TsneOptions(perplexity, iterations, exaggerationIterations, exaggeration, learningRate, value,
                seed, threads, layoutEvery, minBoxes);
    }

    /** These options with another minimum number of interpolation boxes per side. */
    public TsneOptions withMinBoxes(int value) {
        return new TsneOptions(perplexity, iterations, exaggerationIterations, exaggeration, learningRate,
                initialisation, seed, threads, layoutEvery, value);
    }

    /** The learning rate for n points: the set one, or {@code max(n / exaggeration, 200)} when automatic. */
    public double learningRateFor(int n) {
        return learningRate > 0 ? learningRate : Math.max(n / exaggeration, 200);
    }
}
