package io.avlens.ui.tensor;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** The file dialog for tensors. */
final class TensorFiles {

    private TensorFiles() {
    }

    /** Asks for a .npy file; empty when cancelled. */
    static Optional<Path> ask(Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open Tensor");
        dialog.setFilterExtensions(new String[] {"*.npy", "*"});
        dialog.setFilterNames(new String[] {"NumPy arrays (*.npy)", "All files"});
        return Optional.ofNullable(dialog.open()).map(Path::of);
    }
}
