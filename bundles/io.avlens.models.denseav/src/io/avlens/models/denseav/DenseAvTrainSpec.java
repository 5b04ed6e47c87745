package io.avlens.models.denseav;

import io.avlens.models.training.WarmupCosineSchedule;

/**
 * What {@link DenseAvTrainer} trains: network sizes and the schedule.
 *
 * @param config          the network
 * @param steps           optimizer steps in all
 * @param batchSize       (frame, audio window) pairs per batch, each from another clip
 * @param learningRate    peak Adam learning rate; linear warm-up, then cosine decay to a tenth at the last step
 * @param warmupSteps     warm-up length
 * @param seed            seeds weight initialisation and every batch (with the step number)
 * @param checkpointEvery steps between checkpoints
 * @param logEvery        steps between loss rows and progress reports
 * @param ambientFactor   0: an audio step is silence only below −60 dBFS; {@code k > 0}: also below {@code k} times
 *                        the clip's ambient level ({@link DenseClip#voicedAboveAmbient}), for the loss's mean over time
 * @param disentangleWeight weight of DenseAV's disentanglement term ({@link DenseAvLoss#disentangle}) added to the
 *                        InfoNCE; 0 (the shipped weights'): no term, the training of earlier versions unchanged. Each
 *                        clip's source ({@link ClipSource}) says which heads the term silences on it
 * @param pairsPerClip    1 (the shipped weights'): every pair of a batch from another clip; 2: pairs come two by two
 *                        from one clip at instants at least a window apart ({@link PairSampler}), so each has a
 *                        negative that shows the same objects and differs in when they move and sound
 * @param backgroundSwap  false (the shipped weights'): frames as decoded; true: each training frame shows another
 *                        clip's background around its own objects ({@link BackgroundSwap}, from the dataset's
 *                        instance masks), so the background no longer tells the clip (RGB frames only)
 * @param spaceContrast   0 (the shipped weights'): DenseAV's score, the maximum over space; {@code c > 0}: the
 *                        maximum less {@code c} times the mean over space ({@link DenseAvLoss#scores(
 *                        ai.djl.ndarray.NDArray, ai.djl.ndarray.NDArray, ai.djl.ndarray.NDArray, double)}), so
 *                        lighting every cell earns less
 * @param borderCells     0 (the shipped weights'): every cell counts in the score; {@code r > 0}: the outer {@code r}
 *                        rings of the image map's cells do not ({@link DenseAvLoss#interior})
 * @param sharedBackground false (the shipped weights', and the background swap's own default): each swapped frame
 *                        shows the background of a clip drawn for it alone; true (needs {@code backgroundSwap}): one
 *                        clip's background is drawn per batch and every frame of the batch shows it, so a batch's
 *                        pairs share their scenery and only the objects (and the sound) tell them apart
 * @param headsApart      false (the shipped weights'): DenseAV's score, the heads' element-wise maximum; true: each
 *                        head is scored on its own and the loss is the mean over heads of each head's InfoNCE
 *                        ({@link DenseAvLoss#headScores}), so every head gets its own gradient
 * @param centreWeight    0: the InfoNCE alone (the weights shipped before); {@code λ > 0}: plus {@code λ} times the
 *                        centring term ({@link DenseAvLoss#centring}), each image cell's mean similarity to the
 *                        batch's audio pulled to 0 ({@value #SHIPPED_CENTRE} for the shipped weights)
 */
public record DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
        long seed, int checkpointEvery, int logEvery, double ambientFactor, double disentangleWeight,
        int pairsPerClip, boolean backgroundSwap, double spaceContrast, int borderCells, boolean sharedBackground,
        boolean headsApart, double centreWeight) {

    public DenseAvTrainSpec {
        if (sharedBackground && !backgroundSwap) {
            throw new IllegalArgumentException("a background shared by the batch needs the background swap");
        }
        if (steps < 1 || batchSize < 2 || !(learningRate > 0) || warmupSteps < 0 || checkpointEvery < 1
                || logEvery < 1 || !(ambientFactor >= 0) || !(disentangleWeight >= 0)
                || Double.isInfinite(disentangleWeight) || pairsPerClip < 1 || pairsPerClip > 2
                || batchSize % pairsPerClip != 0 || backgroundSwap && config.motion() || !(spaceContrast >= 0)
                || Double.isInfinite(spaceContrast) || borderCells < 0
                || 2 * borderCells >= Math.min(config.mapHeight(), config.mapWidth()) || !(centreWeight >= 0)
                || Double.isInfinite(centreWeight)) {
            throw new IllegalArgumentException("bad training spec: steps " + steps + ", batch " + batchSize + ", lr "
                    + learningRate + ", warm-up " + warmupSteps + ", checkpoint every " + checkpointEvery
                    + ", log every " + logEvery + ", ambient factor " + ambientFactor + ", disentangle weight "
                    + disentangleWeight + ", pairs per clip " + pairsPerClip
                    + (backgroundSwap && config.motion() ? ", background swap with motion channels" : "")
                    + ", space contrast " + spaceContrast + ", border cells " + borderCells + ", centre weight "
                    + centreWeight);
        }
    }

    /** A spec without the centring term (weight 0). */
    public DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
            long seed, int checkpointEvery, int logEvery, double ambientFactor, double disentangleWeight,
            int pairsPerClip, boolean backgroundSwap, double spaceContrast, int borderCells, boolean sharedBackground,
            boolean headsApart) {
        this(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery, ambientFactor,
                disentangleWeight, pairsPerClip, backgroundSwap, spaceContrast, borderCells, sharedBackground,
                headsApart, 0);
    }

    /** A spec whose swapped frames each show their own drawn background and whose heads are scored together. */
    public DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
            long seed, int checkpointEvery, int logEvery, double ambientFactor, double disentangleWeight,
            int pairsPerClip, boolean backgroundSwap, double spaceContrast, int borderCells) {
        this(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery, ambientFactor,
                disentangleWeight, pairsPerClip, backgroundSwap, spaceContrast, borderCells, false, false);
    }

    /**
     * A spec whose frames are used as decoded, scored by DenseAV's maximum over every cell (no background swap, space
     * contrast 0, border cells 0); the {@code with…} methods turn those on.
     */
    public DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
            long seed, int checkpointEvery, int logEvery, double ambientFactor, double disentangleWeight,
            int pairsPerClip) {
        this(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery, ambientFactor,
                disentangleWeight, pairsPerClip, false, 0, 0);
    }

    /** The same spec with another background swap. */
    public DenseAvTrainSpec withBackgroundSwap(boolean swap) {
        return new DenseAvTrainSpec(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery,
                logEvery, ambientFactor, disentangleWeight, pairsPerClip, swap, spaceContrast, borderCells,
                sharedBackground && swap, headsApart, centreWeight);
    }

    /** The same spec with another space contrast. */
    public DenseAvTrainSpec withSpaceContrast(double contrast) {
        return new DenseAvTrainSpec(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery,
                logEvery, ambientFactor, disentangleWeight, pairsPerClip, backgroundSwap, contrast, borderCells,
                sharedBackground, headsApart, centreWeight);
    }

    /** The same spec with another number of border cell rings left out of the score. */
    public DenseAvTrainSpec withBorderCells(int rings) {
        return new DenseAvTrainSpec(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery,
                logEvery, ambientFactor, disentangleWeight, pairsPerClip, backgroundSwap, spaceContrast, rings,
                sharedBackground, headsApart, centreWeight);
    }

    /**
     * The same spec with one background per batch ({@code shared}: the background swap turned on too) or one per
     * swapped frame.
     */
    public DenseAvTrainSpec withSharedBackground(boolean shared) {
        return new DenseAvTrainSpec(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery,
                logEvery, ambientFactor, disentangleWeight, pairsPerClip, backgroundSwap || shared, spaceContrast,
                borderCells, shared, headsApart, centreWeight);
    }

    /** The same spec with the heads scored apart ({@code apart}) or by their element-wise maximum. */
    public DenseAvTrainSpec withHeadsApart(boolean apart) {
        return new DenseAvTrainSpec(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery,
                logEvery, ambientFactor, disentangleWeight, pairsPerClip, backgroundSwap, spaceContrast, borderCells,
                sharedBackground, apart, centreWeight);
    }

    /** The same spec with another weight of the centring term. */
    public DenseAvTrainSpec withCentreWeight(double weight) {
        return new DenseAvTrainSpec(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery,
                logEvery, ambientFactor, disentangleWeight, pairsPerClip, backgroundSwap, spaceContrast, borderCells,
                sharedBackground, headsApart, weight);
    }

    /** A spec whose pairs all come from different clips. */
    public DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
            long seed, int checkpointEvery, int logEvery, double ambientFactor, double disentangleWeight) {
        this(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery, ambientFactor,
                disentangleWeight, 1);
    }

    /** A spec without the disentanglement term (weight 0). */
    public DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
            long seed, int checkpointEvery, int logEvery, double ambientFactor) {
        this(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery, ambientFactor, 0);
    }

    /** A spec whose silence is digital silence only (ambient factor 0), as the shipped weights'. */
    public DenseAvTrainSpec(DenseAvConfig config, int steps, int batchSize, float learningRate, int warmupSteps,
            long seed, int checkpointEvery, int logEvery) {
        this(config, steps, batchSize, learningRate, warmupSteps, seed, checkpointEvery, logEvery, 0, 0);
    }

    /** The centring weight of the shipped weights ({@link #centreWeight()}). */
    public static final double SHIPPED_CENTRE = 5;

    /**
     * The schedule of the shipped weights: batch 16, Adam 2e-3 with 100 warm-up steps, a row every 10 steps, the
     * centring term at weight {@value #SHIPPED_CENTRE}.
     */
    public static DenseAvTrainSpec defaults(int steps, long seed) {
        return new DenseAvTrainSpec(DenseAvConfig.small(), steps, 16, 2e-3f, Math.min(100, steps / 10), seed, 200,
                10).withCentreWeight(SHIPPED_CENTRE);
    }

    /** The learning rate at (0-based) {@code step}. */
    public float learningRate(int step) {
        return new WarmupCosineSchedule(learningRate, warmupSteps, steps).at(step);
    }
}
