package io.avlens.model.store;

import java.util.List;

/**
 * What a merge of another program's changes into an open project did.
 *
 * @param changes   each change taken over, in words ("added experiments[sync]/runs[sync-20261206-101500]")
 * @param conflicts each place both programs changed differently, in words; this program's version was kept
 */
public record MergeReport(List<String> changes, List<String> conflicts) {

    /** Whether nothing was taken over and nothing conflicted. */
    public boolean isEmpty() {
        return changes.isEmpty() && conflicts.isEmpty();
    }
}
