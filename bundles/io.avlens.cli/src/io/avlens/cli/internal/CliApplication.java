package io.avlens.cli.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.avlens.cli.command.CommandContext;

/**
 * The headless application ({@code -application io.avlens.cli.app}): hands the command line to the
 * {@link CommandDispatcher} service and returns its exit code, which the launcher passes to the shell.
 */
public class CliApplication implements IApplication {

    private static final long SERVICE_WAIT_MILLIS = 20_000;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<CommandDispatcher, CommandDispatcher> tracker =
                new ServiceTracker<>(bundleContext, CommandDispatcher.class, null);
        tracker.open();
        try {
            CommandDispatcher dispatcher = tracker.waitForService(SERVICE_WAIT_MILLIS);
            if (dispatcher == null) {
                System.err.println("avlens: the command service did not start within "
                        + SERVICE_WAIT_MILLIS / 1000 + " s (is org.apache.felix.scr in the product?)");
                return Integer.valueOf(1);
            }
            CommandContext commandContext = new CommandContext(System.out, System.err,
                    Path.of(System.getProperty("user.dir")));
            int code = dispatcher.execute(args == null ? List.of() : List.of(args), commandContext);
            System.out.flush();
            System.err.flush();
            return Integer.valueOf(code);
        } finally {
            tracker.close();
        }
    }

    @Override
    public void stop() {
        // A command runs to completion; there is nothing to interrupt.
    }
}
