package io.avlens.ui.generation.internal;

import org.eclipse.core.expressions.PropertyTester;

import io.avlens.model.ClipResult;
import io.avlens.model.Run;

/**
 * {@code io.avlens.ui.generation.runKind}: the experiment kind of the run a {@link ClipResult} belongs to, so that
 * menu entries show only on the rows of generation runs.
 */
public final class RunKindTester extends PropertyTester {

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        return receiver instanceof ClipResult result && result.eContainer() instanceof Run run
                && run.getExperiment() != null && String.valueOf(expectedValue).equals(run.getExperiment().getKind());
    }
}
