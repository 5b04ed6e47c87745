package io.avlens.models.mc3;

/**
 * Hard-negative batches mined without labels from the model's own audio ({@code --mine-every K --mine-share P}):
 * once in every block of {@code K} steps (at its first mined step) {@link Mc3Trainer} re-embeds every training
 * clip's audio with the current weights (eval mode, no gradient) and keeps the <em>per-step part</em> of each audio
 * vector (its first {@code k·T} values, L2-normalised: what the network says happens at each step); from step
 * {@code K} on (the first {@code K} steps are a warm-up of random batches) a share {@code P} of the steps, spread
 * evenly (step {@code s} when {@code ⌊(s+1)·P⌋ > ⌊s·P⌋}: every other step for 1/2), trains on one random anchor
 * clip and the {@code B − 1} clips whose keys are nearest to the anchor's (cosine), the rest on random batches. The
 * batches of timing-alike clips can only be told apart by what sounds, which random batches of 32 barely ask for
 * (weights/mc3-small/README.md, "Retrieval ceiling"). Off by default ({@link #OFF}: the shipped batches).
 *
 * <p>A resumed run embeds the clips afresh at its first mined step, so it matches an uninterrupted run when it resumes
 * at the start of a block of {@code K} steps (checkpoints every multiple of {@code K} steps).
 *
 * @param every steps between refreshes of the keys, also the warm-up length; 0 turns mining off
 * @param share the share of the steps after the warm-up whose batch is mined, in [0, 1]
 * @param pool  the neighbours are the nearest among this many clips drawn at random with the anchor (0: among all
 *              clips); a pool of a few hundred makes batches hard but not near-duplicates
 */
public record Mc3Mining(int every, double share, int pool) {

    /** No mining: every batch random (the shipped weights). */
    public static final Mc3Mining OFF = new Mc3Mining(0, 0);

    /** Neighbours among all clips. */
    public Mc3Mining(int every, double share) {
        this(every, share, 0);
    }

    /** Which part of the audio vector the keys are. */
    public static final String KEY = "audio per-step part";

    public Mc3Mining {
        if (every < 0 || !(share >= 0 && share <= 1) || pool < 0) {
            throw new IllegalArgumentException("bad mining settings: every " + every + " steps, share " + share
                    + ", pool " + pool);
        }
    }

    /** Whether any batch is mined. */
    public boolean on() {
        return every > 0 && share > 0;
    }

    /** Whether step {@code step}'s batch is mined. */
    public boolean mines(int step) {
        return on() && step >= every && Math.floor((step + 1) * share) > Math.floor(step * share);
    }

    /** How many of the steps 0 … {@code steps − 1} train on a mined batch (also across a resume). */
    public int minedIn(int steps) {
        int n = 0;
        for (int s = 0; s < steps; s++) {
            n += mines(s) ? 1 : 0;
        }
        return n;
    }

    /** Whether the keys must be (re)computed before step {@code step}, given the step they were last computed at. */
    boolean refresh(int step, int keysStep) {
        return on() && step >= every && (keysStep < 0 || step / every > keysStep / every);
    }
}
