package io.avlens.ui.tensor;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** File &gt; Open Tensor...: asks for a .npy file and shows it in the Tensor view. */
public class OpenTensorHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        var file = TensorFiles.ask(window.getShell());
        if (file.isEmpty()) {
            return null;
        }
        try {
            window.getActivePage().showView(TensorView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("The Tensor view cannot be opened", e);
        }
        window.getService(IEventBroker.class).send(TensorView.TOPIC_OPEN, file.get());
        return null;
    }
}
