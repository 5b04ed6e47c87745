package io.avlens.ui.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.project.ProjectSessions;

/**
 * Helpers for tests that run beside the UI thread (tycho-surefire with useUIThread=false): run code on the UI
 * thread, wait for a condition while the workbench keeps processing events, and save screenshots.
 */
public final class Ui {

    private Ui() {
    }

    public static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    /** Runs {@code code} on the UI thread and returns its result; rethrows what it threw. */
    public static <T> T sync(Supplier<T> code) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        display().syncExec(() -> {
            try {
                result.set(code.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    public static void run(Runnable code) {
        sync(() -> {
            code.run();
            return null;
        });
    }

    public static IWorkbenchWindow window() {
        return sync(() -> PlatformUI.getWorkbench().getWorkbenchWindows()[0]);
    }

    /** Waits until {@code condition} (evaluated on the UI thread) holds, failing after {@code seconds}. */
    public static void waitUntil(String what, int seconds, BooleanSupplier condition) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (sync(condition::getAsBoolean)) {
                return;
            }
            sleep(50);
        }
        fail("timed out after " + seconds + " s waiting for " + what);
    }

    /** Lets pending paints and layouts run. */
    public static void settle() {
        for (int i = 0; i < 5; i++) {
            run(() -> {
                while (display().readAndDispatch()) {
                    // drain
                }
            });
            sleep(60);
        }
    }

    /** Saves what is on screen inside {@code shell} as target/screenshots/NAME.png and returns the file. */
    public static Path screenshot(Shell shell, String name) {
        settle();
        Path dir = Path.of(System.getProperty("avlens.screenshots", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        run(() -> {
            Rectangle bounds = shell.getBounds();
            GC gc = new GC(display());
            Image image = new Image(display(), bounds.width, bounds.height);
            try {
                gc.copyArea(image, bounds.x, bounds.y);
                Files.createDirectories(dir);
                ImageLoader loader = new ImageLoader();
                loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + file, e);
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        return file;
    }

    /** Maximises {@code part} in its page (true) or restores the layout (false), for a readable screenshot. */
    public static void maximize(org.eclipse.ui.IWorkbenchPart part, boolean maximized) {
        run(() -> {
            org.eclipse.ui.IWorkbenchPage page = part.getSite().getPage();
            page.setPartState(page.getReference(part), maximized ? org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED
                    : org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
        });
    }

    /** Copies a resource of this test bundle into {@code dir}. */
    public static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = Ui.class.getResourceAsStream("/resources/" + name)) {
            if (in == null) {
                throw new IOException("test resource /resources/" + name + " is missing");
            }
            Path file = dir.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The e4 view {@code id} of {@code window}, once it is created (waits up to 20 s). */
    public static <T> T part(IWorkbenchWindow window, String id, Class<T> type) {
        waitUntil("view " + id, 20, () -> {
            MPart p = window.getService(EPartService.class).findPart(id);
            return p != null && type.isInstance(p.getObject());
        });
        return type.cast(sync(() -> window.getService(EPartService.class).findPart(id)).getObject());
    }

    /** A left-button mouse event at {@code (x, y)}. */
    public static Event mouse(int x, int y) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = 1;
        return e;
    }

    /** The workbench's open projects. */
    public static ProjectSessions sessions() {
        return PlatformUI.getWorkbench().getService(org.eclipse.e4.core.contexts.IEclipseContext.class)
                .get(ProjectSessions.class);
    }

    /** The workbench's open clips and the active one. */
    public static AnalysisContexts contexts() {
        return PlatformUI.getWorkbench().getService(org.eclipse.e4.core.contexts.IEclipseContext.class)
                .get(AnalysisContexts.class);
    }
}
