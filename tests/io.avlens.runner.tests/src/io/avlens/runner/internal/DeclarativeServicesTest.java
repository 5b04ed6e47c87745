package io.avlens.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import io.avlens.runner.ModelRunner;
import io.avlens.runner.RunOutcome;
import io.avlens.runner.RunState;
import io.avlens.runner.task.ClipTask;

/**
 * The runner as the product wires it: the DS component finds the CPU inference service and a task registered
 * later as an OSGi service (the whiteboard), and forgets the task when it goes. Skipped outside OSGi.
 */
class DeclarativeServicesTest {

    @TempDir
    Path dir;

    @Test
    void aTaskRegisteredAsAServiceIsUsedUntilItGoes() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(DeclarativeServicesTest.class);
        Assumptions.assumeTrue(bundle != null, "not running inside OSGi");
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<ModelRunner, ModelRunner> tracker = new ServiceTracker<>(context, ModelRunner.class, null);
        tracker.open();
        ModelRunner runner = tracker.waitForService(20_000);
        assertThat(runner).as("the ModelRunner DS component is registered").isNotNull();
        Rig rig = new Rig(dir);
        rig.clip("a", 0);
        ServiceRegistration<ClipTask> registration = context.registerService(ClipTask.class, rig.task, null);
        RunOutcome run;
        try {
            run = runner.run(rig.snapshot(), rig.settings(), null);
        } finally {
            registration.unregister();
        }
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.SUCCEEDED);
        assertThat(rig.task.calls).hasValue(1);
        RunOutcome without = runner.run(rig.snapshot(), rig.settings(), null);
        assertThat(without.state()).isEqualTo(RunState.FAILED);
        assertThat(without.message()).contains("no embedding task");
    }
}
