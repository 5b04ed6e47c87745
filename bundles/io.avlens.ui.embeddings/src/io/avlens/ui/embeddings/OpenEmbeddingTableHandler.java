package io.avlens.ui.embeddings;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import com.google.gson.JsonObject;

import io.avlens.analysis.embedding.EmbeddingFiles;
import io.avlens.analysis.embedding.EmbeddingTable;

/**
 * File › Open Embedding Table…: asks for a folder written by {@code avlens embed} ({@code embeddings.json},
 * {@code embeddings.npy}, {@code items.csv}), reads it in a job and shows it in the embedding explorer.
 */
public final class OpenEmbeddingTableHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        DirectoryDialog dialog = new DirectoryDialog(window.getShell());
        dialog.setText("Open Embedding Table");
        dialog.setMessage("A folder with embeddings.json, embeddings.npy and items.csv (avlens embed --out)");
        String chosen = dialog.open();
        if (chosen != null) {
            open(Path.of(chosen), window);
        }
        return null;
    }

    /**
     * Reads the table in {@code folder} in a job, then shows it in the explorer of {@code window}; a folder that is
     * not a readable table is reported in a dialog naming the file and the problem.
     *
     * @return the scheduled job
     */
    public static Job open(Path folder, IWorkbenchWindow window) {
        Job job = Job.create("Reading embedding table " + folder.getFileName(), (IProgressMonitor monitor) -> {
            try {
                EmbeddingTable table = EmbeddingFiles.read(folder);
                JsonObject description = EmbeddingFiles.description(folder);
                window.getShell().getDisplay().asyncExec(() -> show(window, table, folder, description));
            } catch (IOException | RuntimeException e) {
                window.getShell().getDisplay().asyncExec(() -> MessageDialog.openError(window.getShell(),
                        "Open Embedding Table", folder + " cannot be shown: " + e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Shows the explorer of {@code window} with {@code table}; returns it. UI thread. */
    public static EmbeddingExplorerView show(IWorkbenchWindow window, EmbeddingTable table, Path folder,
            JsonObject description) {
        try {
            window.getActivePage().showView(EmbeddingExplorerView.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), "Open Embedding Table", "The explorer cannot be opened: "
                    + e.getMessage());
            return null;
        }
        MPart part = window.getService(EPartService.class).findPart(EmbeddingExplorerView.ID);
        EmbeddingExplorerView view = (EmbeddingExplorerView) part.getObject();
        view.open(table, folder, description);
        return view;
    }
}
