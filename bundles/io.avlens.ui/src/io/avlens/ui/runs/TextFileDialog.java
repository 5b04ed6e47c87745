package io.avlens.ui.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * A run's text file (run.json, a metrics CSV, a log) shown read-only in a resizable, modeless window, so a user can
 * look at it beside the views. Files longer than {@value #LIMIT} bytes show their beginning and say so.
 */
public final class TextFileDialog extends Dialog {

    /** Most bytes shown. */
    public static final int LIMIT = 1 << 20;

    private final Path file;
    private final String content;
    private Text text;

    /**
     * Reads {@code file} (its first {@value #LIMIT} bytes).
     *
     * @throws IOException naming the file when it cannot be read
     */
    public TextFileDialog(Shell parent, Path file) throws IOException {
        super(parent);
        this.file = file;
        this.content = read(file);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(LIMIT);
            long size = Files.size(file);
            String shown = new String(bytes, StandardCharsets.UTF_8);
            if (size > bytes.length) {
                return shown + "\n\n[the first " + bytes.length + " of " + size + " bytes]";
            }
            return file.getFileName().toString().endsWith(".json") ? indented(shown) : shown;
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A JSON text laid out one member per line (a run's {@code run.json} is written on one line), or the text as it
     * is when it is not strict JSON (comments, single quotes, NaN, trailing text): a damaged file is shown as it is,
     * not tidied up.
     */
    static String indented(String json) {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement tree = JsonParser.parseReader(reader);
            if (tree.isJsonNull() || reader.peek() != JsonToken.END_DOCUMENT) {
                return json;
            }
            return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(tree);
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return json;
        }
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(file.getFileName() + " — " + file.getParent());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        text = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.H_SCROLL | SWT.V_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setText(content);
        GridDataFactory.fillDefaults().grab(true, true).hint(640, 420).applyTo(text);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        close();
    }

    @Override
    protected Point getInitialSize() {
        return new Point(720, 540);
    }

    /** The text shown. */
    public String content() {
        return content;
    }

    /** The file shown. */
    public Path file() {
        return file;
    }
}
