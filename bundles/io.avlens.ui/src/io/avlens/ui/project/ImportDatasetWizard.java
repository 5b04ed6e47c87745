package io.avlens.ui.project;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.avlens.model.AvLensFactory;
import io.avlens.model.AvLensPackage;
import io.avlens.model.Dataset;
import io.avlens.runner.data.MediaImport;

/**
 * Import Dataset: every media file under a folder, probed with FFmpeg (the same {@link MediaImport} as
 * {@code avlens import}), into a new or an existing dataset of an open project. The probing runs with progress and
 * can be cancelled, on a copy of the dataset; only when it is done are the new clips added, as one command, so a
 * single Undo takes the whole import back and a cancelled import changes nothing.
 */
public final class ImportDatasetWizard extends Wizard {

    private final ProjectSessions sessions;
    private final ProjectSession preselected;
    private ImportPage page;
    private MediaImport.Result result;
    private ProjectSession target;

    /** @param preselected the project to import into first, or null for the first open one */
    public ImportDatasetWizard(ProjectSessions sessions, ProjectSession preselected) {
        this.sessions = sessions;
        this.preselected = preselected;
        setWindowTitle("Import Dataset");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        page = new ImportPage();
        addPage(page);
    }

    /** What the finished import did (added, skipped and rejected files), or null before Finish. */
    public MediaImport.Result result() {
        return result;
    }

    /** The project imported into, or null before Finish. */
    public ProjectSession target() {
        return target;
    }

    /** The page, for tests that fill it in as a user would. */
    public ImportPage page() {
        return page;
    }

    @Override
    public boolean performFinish() {
        ProjectSession session = page.session();
        String name = page.datasetName();
        Path source = page.source();
        Dataset existing = session.project().getDatasets().stream().filter(d -> name.equals(d.getName()))
                .findFirst().orElse(null);
        Dataset staging;
        if (existing != null) {
            staging = EcoreUtil.copy(existing);
        } else {
            staging = AvLensFactory.eINSTANCE.createDataset();
            staging.setName(name);
            staging.setRootLocation(io.avlens.model.store.Locations.of(session.folder(), source));
        }
        MediaImport importer = new MediaImport(session.folder(), staging);
        MediaImport.Result[] done = new MediaImport.Result[1];
        try {
            getContainer().run(true, true, monitor -> {
                try {
                    done[0] = importer.importFolder(source, monitor);
                } catch (IOException e) {
                    throw new InvocationTargetException(e);
                } catch (OperationCanceledException e) {
                    throw new InterruptedException("cancelled");
                }
            });
        } catch (InvocationTargetException e) {
            page.setErrorMessage(source + " could not be read: " + e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            page.setErrorMessage("The import was cancelled; nothing was added.");
            return false;
        }
        result = done[0];
        target = session;
        Command add = existing != null
                ? AddCommand.create(session.editingDomain(), existing, AvLensPackage.Literals.DATASET__CLIPS,
                        List.copyOf(result.added()))
                : AddCommand.create(session.editingDomain(), session.project(),
                        AvLensPackage.Literals.PROJECT__DATASETS, staging);
        if (existing == null || !result.added().isEmpty()) {
            session.execute(add);
        }
        return true;
    }

    /** Project, dataset and source folder. */
    public final class ImportPage extends WizardPage {

        private Combo project;
        private Combo dataset;
        private Text source;

        ImportPage() {
            super("import", "Import Dataset", null);
            setDescription("Every media file under the folder is probed; files that are not usable media are "
                    + "listed with the reason.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite body = new Composite(parent, SWT.NONE);
            body.setLayout(new GridLayout(3, false));
            new Label(body, SWT.NONE).setText("&Project:");
            project = new Combo(body, SWT.READ_ONLY);
            project.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            for (ProjectSession s : sessions.all()) {
                project.add(s.project().getName() + "  (" + s.folder() + ")");
            }
            int index = preselected == null ? 0 : sessions.all().indexOf(preselected);
            project.select(Math.max(0, index));
            new Label(body, SWT.NONE).setText("&Dataset:");
            dataset = new Combo(body, SWT.DROP_DOWN);
            dataset.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            new Label(body, SWT.NONE).setText("&Media folder:");
            source = new Text(body, SWT.BORDER);
            source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Button browse = new Button(body, SWT.PUSH);
            browse.setText("&Browse...");
            browse.addListener(SWT.Selection, e -> {
                DirectoryDialog dialog = new DirectoryDialog(getShell());
                dialog.setFilterPath(source.getText());
                String chosen = dialog.open();
                if (chosen != null) {
                    source.setText(chosen);
                }
            });
            Label hint = new Label(body, SWT.WRAP);
            hint.setText("An existing dataset's name adds the folder's new files to it; files already in it are "
                    + "skipped.");
            hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
            project.addListener(SWT.Selection, e -> {
                fillDatasets();
                check();
            });
            dataset.addListener(SWT.Modify, e -> check());
            source.addListener(SWT.Modify, e -> check());
            fillDatasets();
            dataset.setText("dataset-" + (session() == null ? 1 : session().project().getDatasets().size() + 1));
            setControl(body);
            check();
        }

        private void fillDatasets() {
            String typed = dataset.getText();
            dataset.removeAll();
            if (session() != null) {
                session().project().getDatasets().forEach(d -> dataset.add(d.getName()));
            }
            dataset.setText(typed);
        }

        /** Fills in the page as a user would (for tests). */
        public void fill(ProjectSession session, String datasetName, Path folder) {
            project.select(sessions.all().indexOf(session));
            fillDatasets();
            dataset.setText(datasetName);
            source.setText(folder.toString());
        }

        ProjectSession session() {
            int index = project.getSelectionIndex();
            return index < 0 || index >= sessions.all().size() ? null : sessions.all().get(index);
        }

        String datasetName() {
            return dataset.getText().trim();
        }

        Path source() {
            return Path.of(source.getText().trim()).toAbsolutePath().normalize();
        }

        private void check() {
            String problem = null;
            if (session() == null) {
                problem = "Open or create a project first (File › New Project).";
            } else if (datasetName().isEmpty()) {
                problem = "Enter the dataset's name.";
            } else if (source.getText().isBlank()) {
                problem = "Choose the folder that holds the media files.";
            } else {
                try {
                    if (!Files.isDirectory(source())) {
                        problem = source() + " is not a folder.";
                    }
                } catch (InvalidPathException e) {
                    problem = "'" + source.getText() + "' is not a valid folder name: " + e.getReason();
                }
            }
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }
    }
}
