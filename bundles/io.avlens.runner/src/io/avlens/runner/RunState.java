package io.avlens.runner;

/** How a run or a clip ended (the EMF {@code RunStatus} literals, see {@link RunRecords}). */
public enum RunState {
    /** Every clip was computed (or found in the cache). */
    SUCCEEDED,
    /** At least one clip, or the run itself, failed; the message says which and why. */
    FAILED,
    /** Stopped by the user; what was computed before is kept. */
    CANCELLED;

    /** The lower-case name written to {@code run.json}, the same as the EMF literal. */
    public String literal() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
