package io.avlens.ui.internal.about;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.avlens.core.about.ComponentVersion;

/** Lists AV Lens's components and their versions; "Copy" puts them on the clipboard for bug reports. */
public class AboutDialog extends Dialog {

    /** The dialog title. */
    public static final String TITLE = "About AV Lens";
    private static final int COPY_ID = IDialogConstants.CLIENT_ID + 1;

    private final List<ComponentVersion> versions;

    /**
     * @param parent   the parent shell
     * @param versions what to list, in order
     */
    public AboutDialog(Shell parent, List<ComponentVersion> versions) {
        super(parent);
        this.versions = List.copyOf(versions);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(1, false));
        Label heading = new Label(area, SWT.WRAP);
        heading.setText("AV Lens: a workbench for looking inside audio-visual models.\n"
                + "It runs on these components:");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);

        Composite tableHolder = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).hint(720, 200).applyTo(tableHolder);
        TableColumnLayout columns = new TableColumnLayout();
        tableHolder.setLayout(columns);
        TableViewer viewer = new TableViewer(tableHolder, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        column(viewer, columns, "Component", 22, ComponentVersion::name);
        column(viewer, columns, "Version", 22, ComponentVersion::version);
        column(viewer, columns, "Details", 56, ComponentVersion::detail);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(versions);
        return area;
    }

    private static void column(TableViewer viewer, TableColumnLayout layout, String title, int weight,
            java.util.function.Function<ComponentVersion, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ComponentVersion) element);
            }
        });
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, 80));
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, COPY_ID, "&Copy", false);
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == COPY_ID) {
            Clipboard clipboard = new Clipboard(getShell().getDisplay());
            try {
                clipboard.setContents(new Object[] {asText(versions)}, new Transfer[] {TextTransfer.getInstance()});
            } finally {
                clipboard.dispose();
            }
            return;
        }
        super.buttonPressed(buttonId);
    }

    /** The versions as plain text, one component a line. */
    public static String asText(List<ComponentVersion> versions) {
        StringBuilder b = new StringBuilder();
        for (ComponentVersion v : versions) {
            b.append(v.name()).append(": ").append(v.version());
            if (!v.detail().isEmpty()) {
                b.append(" (").append(v.detail()).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
