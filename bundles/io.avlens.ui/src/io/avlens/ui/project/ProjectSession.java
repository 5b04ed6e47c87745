package io.avlens.ui.project;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.eclipse.emf.edit.provider.resource.ResourceItemProviderAdapterFactory;

import org.eclipse.emf.edit.command.ChangeCommand;

import io.avlens.model.Project;
import io.avlens.model.store.MergeReport;
import io.avlens.runner.RunFolders;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;

/**
 * One open project in the workbench: the EMF object graph, the editing domain whose command stack every view edits
 * through (so Undo and Redo cover the explorer, the Properties view, the experiment editor and the wizards alike),
 * and the dirty state, which is the command stack's "save needed".
 * <p>
 * Used from the UI thread only, as EMF objects are not thread-safe. A job that computes something for a project
 * (an import, a run) works on its own objects and hands the result back as a command.
 */
public final class ProjectSession {

    /** Told when the project changed (a command was executed, undone or redone) or was saved. */
    public interface Listener {
        void projectChanged(ProjectSession session);
    }

    private final ProjectStore store;
    private final Project project;
    private final Path folder;
    private final ComposedAdapterFactory adapterFactory;
    private final BasicCommandStack commandStack = new BasicCommandStack();
    private final AdapterFactoryEditingDomain domain;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    ProjectSession(ProjectStore store, Project project) {
        this.store = store;
        this.project = project;
        this.folder = store.folderOf(project);
        // item providers made by reflection over the model: labels, property descriptors, child creation and the
        // standard commands, without a generated .edit bundle (see the target platform's note on EMF.Edit)
        this.adapterFactory = new ComposedAdapterFactory(new org.eclipse.emf.common.notify.AdapterFactory[] {
                new ResourceItemProviderAdapterFactory(), new ReflectiveItemProviderAdapterFactory() });
        // the domain works in the resource set the store opened the project in, so saving still finds the file
        this.domain = new AdapterFactoryEditingDomain(adapterFactory, commandStack,
                project.eResource().getResourceSet());
        commandStack.addCommandStackListener(event -> fire());
    }

    /** The project's model. Change it only through {@link #execute(Command)}. */
    public Project project() {
        return project;
    }

    /** The project's folder. */
    public Path folder() {
        return folder;
    }

    /** The editing domain commands are created for. */
    public EditingDomain editingDomain() {
        return domain;
    }

    /** The adapter factory of the item providers (labels, property descriptors). */
    public ComposedAdapterFactory adapterFactory() {
        return adapterFactory;
    }

    /** The command stack (undo/redo). */
    public CommandStack commandStack() {
        return commandStack;
    }

    /**
     * Executes a change so that it can be undone.
     *
     * @return whether the command could be executed (an unexecutable command changes nothing)
     */
    public boolean execute(Command command) {
        if (command == null || !command.canExecute()) {
            return false;
        }
        commandStack.execute(command);
        return true;
    }

    /** Whether the project has changes that are not saved. */
    public boolean isDirty() {
        return commandStack.isSaveNeeded();
    }

    /**
     * Saves the project through the store (atomic write, backup of the previous file). When another program changed
     * the file since it was opened or saved here (a command-line run, another workbench), its changes are first
     * taken over ({@link #takeOverDiskChanges}), so neither side loses anything. The undo history is kept, so a user
     * can still undo past a save; the project is then dirty again, as in any Eclipse editor.
     *
     * @return what was taken over from the other program and where both changed the same thing (this side kept)
     * @throws ProjectStoreException when the file cannot be written; the previous file is then unchanged and the
     *                               project stays dirty
     */
    public MergeReport save() throws ProjectStoreException {
        MergeReport report = store.changedOnDisk(project) ? takeOverDiskChanges()
                : new MergeReport(List.of(), List.of());
        store.save(project);
        commandStack.saveIsDone();
        fire();
        return report;
    }

    /** Whether another program changed the project file since it was opened or saved here. */
    public boolean changedOnDisk() {
        return store.changedOnDisk(project);
    }

    /**
     * Takes another program's changes to the project file into this project (a three-way merge that keeps this
     * side's changes), as one command that Undo reverts. A project without unsaved changes stays clean: it then
     * equals the file again.
     *
     * @return what was taken over and what conflicted
     * @throws ProjectStoreException when the file on disk cannot be read; nothing is changed then
     */
    public MergeReport takeOverDiskChanges() throws ProjectStoreException {
        boolean wasClean = !isDirty();
        MergeReport[] report = {null};
        ProjectStoreException[] failure = {null};
        ChangeCommand merge = new ChangeCommand(project) {
            @Override
            protected void doExecute() {
                try {
                    report[0] = store.merge(project);
                } catch (ProjectStoreException e) {
                    failure[0] = e;
                }
            }
        };
        merge.setLabel("Take Over Changes from Disk");
        commandStack.execute(merge);
        if (failure[0] != null) {
            throw failure[0];
        }
        if (wasClean && report[0].conflicts().isEmpty()) {
            commandStack.saveIsDone();
            fire();
        }
        return report[0];
    }

    /** The problems validation finds now, run folders left by killed programs included (warnings). */
    public List<io.avlens.model.store.ValidationProblem> validate() {
        List<io.avlens.model.store.ValidationProblem> problems = new java.util.ArrayList<>(store.validate(project));
        problems.addAll(RunFolders.validationProblems(folder, project));
        return problems;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Listener listener : listeners) {
            listener.projectChanged(this);
        }
    }

    void dispose() {
        listeners.clear();
        commandStack.flush();
        adapterFactory.dispose();
    }

    @Override
    public String toString() {
        return "ProjectSession[" + folder + "]";
    }
}
