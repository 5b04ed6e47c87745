package io.avlens.ui.generation.sweep;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;

/** Asks for the export folder of a sweep and reports the result. UI thread. */
final class SweepExportDialog {

    private SweepExportDialog() {
    }

    static void ask(SweepView view, Shell shell) {
        if (view.data() == null) {
            MessageDialog.openInformation(shell, "Export Sweep", "No sweep is open.");
            return;
        }
        DirectoryDialog dialog = new DirectoryDialog(shell);
        dialog.setText("Export the sweep: grid.png, WAVs, MP4s, table.csv");
        String chosen = dialog.open();
        if (chosen != null) {
            view.export(Path.of(chosen), files -> MessageDialog.openInformation(shell, "Export Sweep",
                    files.size() + " files written into " + chosen), message -> MessageDialog.openError(shell,
                            "Cannot export the sweep", message));
        }
    }
}
