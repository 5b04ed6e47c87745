package io.avlens.ui.training;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import io.avlens.models.training.FamilyTrainer;
import io.avlens.runner.ModelRunner;

/** File › Train…: opens {@link TrainWizard} on the registered trainers; its Finish starts the training job. */
public final class TrainHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        ModelRunner runner = window.getWorkbench().getService(IEclipseContext.class).get(ModelRunner.class);
        if (runner == null) {
            MessageDialog.openError(window.getShell(), "Train",
                    "The model runner (bundle io.avlens.runner) is not active; check the error log.");
            return null;
        }
        List<FamilyTrainer> trainers = TrainWizard.registeredTrainers();
        if (trainers.isEmpty()) {
            MessageDialog.openError(window.getShell(), "Train", "No model family registers a trainer (is a family "
                    + "bundle such as io.avlens.models.cavp not active?); check the error log.");
            return null;
        }
        new WizardDialog(window.getShell(), new TrainWizard(window, runner, trainers,
                Path.of(System.getProperty("user.home"), "AV Lens"), true)).open();
        return null;
    }
}
