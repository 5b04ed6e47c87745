package io.avlens.ui.embeddings.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

import io.avlens.media.DisplayFrame;

/**
 * The card under the mouse: the clip's frame (when decoded) above lines of text (id, narration, pairwise
 * similarities, the coloured value). A tool shell that never takes the focus. UI thread.
 */
public final class HoverCard {

    static final int FRAME = 160;
    private final Control owner;
    private Shell shell;
    private Image image;
    private List<String> lines = List.of();
    /** The lines as drawn: {@link #lines} wrapped to the card's width. */
    private List<String> shown = List.of();
    /** The card's width in pixels. */
    static final int WIDTH = 420;
    private int item = -1;

    public HoverCard(Control owner) {
        this.owner = owner;
        owner.addListener(SWT.Dispose, e -> hide());
    }

    /** Shows the card of {@code clip} near the screen point of {@code owner} at {@code (x, y)}. */
    public void show(int clip, int x, int y, List<String> text) {
        if (shell == null || shell.isDisposed()) {
            shell = new Shell(owner.getShell(), SWT.TOOL | SWT.ON_TOP | SWT.NO_FOCUS | SWT.BORDER);
            shell.setBackground(owner.getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND));
            shell.addListener(SWT.Paint, e -> paint(e.gc));
        }
        if (clip != item) {
            disposeImage();
        }
        item = clip;
        lines = List.copyOf(text);
        GC gc = new GC(shell);
        try {
            shown = wrap(gc, lines, WIDTH - 12);
        } finally {
            gc.dispose();
        }
        Point at = owner.toDisplay(x + 16, y + 16);
        shell.setBounds(at.x, at.y, WIDTH, FRAME + 12 + 18 * shown.size());
        shell.setVisible(true);
        shell.redraw();
    }

    /** The frame of {@code clip}, when the card still shows it. */
    public void setFrame(int clip, DisplayFrame frame) {
        if (clip != item || shell == null || shell.isDisposed()) {
            return;
        }
        disposeImage();
        image = new Image(owner.getDisplay(),
                Pixels.imageData(frame.argb(), frame.width(), frame.height()));
        shell.redraw();
    }

    /** Hides the card. */
    public void hide() {
        item = -1;
        disposeImage();
        if (shell != null && !shell.isDisposed()) {
            shell.setVisible(false);
        }
    }

    /** The clip shown, or -1 (tests). */
    public int clip() {
        return shell != null && !shell.isDisposed() && shell.isVisible() ? item : -1;
    }

    /** The texts shown (tests). */
    public List<String> lines() {
        return lines;
    }

    /** Whether the frame is shown (tests). */
    public boolean hasFrame() {
        return image != null;
    }

    private void paint(GC gc) {
        // the theme's tooltip colours, both set: a dark theme's background with the default black text hid it
        gc.setBackground(owner.getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND));
        gc.setForeground(owner.getDisplay().getSystemColor(SWT.COLOR_INFO_FOREGROUND));
        gc.fillRectangle(shell.getClientArea());
        int y = 6;
        if (image != null) {
            gc.drawImage(image, 6, y);
        } else {
            gc.drawText("decoding frame…", 6, y + FRAME / 2 - 8, true);
        }
        y += FRAME + 4;
        for (String l : shown) {
            gc.drawText(l, 6, y, true);
            y += 18;
        }
    }

    /** The lines broken at spaces so that none is wider than {@code width} pixels (a long narration wraps). */
    static List<String> wrap(GC gc, List<String> lines, int width) {
        List<String> out = new java.util.ArrayList<>();
        for (String line : lines) {
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ", -1)) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && gc.textExtent(candidate).x > width) {
                    out.add(current.toString());
                    current.setLength(0);
                    current.append(word);
                } else {
                    current.setLength(0);
                    current.append(candidate);
                }
            }
            out.add(current.toString());
        }
        return out;
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
