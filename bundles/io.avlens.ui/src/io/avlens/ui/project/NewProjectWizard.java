package io.avlens.ui.project;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;

/**
 * New Project: a name and a folder (created when missing; it must not hold a project yet). Finishing creates and
 * saves the project through the store and opens it in the explorer.
 */
public final class NewProjectWizard extends Wizard {

    private final ProjectSessions sessions;
    private final Path defaultParent;
    private ProjectPage page;
    private ProjectSession created;

    /** @param defaultParent the folder a new project's folder is proposed in */
    public NewProjectWizard(ProjectSessions sessions, Path defaultParent) {
        this.sessions = sessions;
        this.defaultParent = defaultParent;
        setWindowTitle("New AV Lens Project");
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        page = new ProjectPage();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        try {
            created = sessions.create(page.folder(), page.name());
            return true;
        } catch (ProjectStoreException e) {
            page.setErrorMessage(e.getMessage());
            return false;
        }
    }

    /** The project made by Finish, or null. */
    public ProjectSession created() {
        return created;
    }

    /** The page, for tests that fill it in as a user would. */
    public ProjectPage page() {
        return page;
    }

    /** Name and folder, checked as they are typed. */
    public final class ProjectPage extends WizardPage {

        private Text name;
        private Text folder;
        private boolean folderEdited;

        ProjectPage() {
            super("project", "New Project", null);
            setDescription("A project is a folder: project.avlens holds datasets, models, experiments and runs.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite body = new Composite(parent, SWT.NONE);
            body.setLayout(new GridLayout(3, false));
            new Label(body, SWT.NONE).setText("&Name:");
            name = new Text(body, SWT.BORDER);
            name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            new Label(body, SWT.NONE).setText("&Folder:");
            folder = new Text(body, SWT.BORDER);
            folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Button browse = new Button(body, SWT.PUSH);
            browse.setText("&Browse...");
            browse.addListener(SWT.Selection, e -> {
                DirectoryDialog dialog = new DirectoryDialog(getShell());
                dialog.setFilterPath(folder.getText());
                String chosen = dialog.open();
                if (chosen != null) {
                    folderEdited = true;
                    folder.setText(chosen);
                }
            });
            name.addListener(SWT.Modify, e -> {
                if (!folderEdited) {
                    folder.setText(defaultParent.resolve(name.getText().trim().replaceAll("[^A-Za-z0-9._-]+", "-"))
                            .toString());
                }
                check();
            });
            folder.addListener(SWT.Modify, e -> {
                if (folder.isFocusControl()) {
                    folderEdited = true;
                }
                check();
            });
            name.setText("my-project");
            name.selectAll();
            setControl(body);
            check();
        }

        /** Fills in the page as a user would (for tests). */
        public void fill(String projectName, Path projectFolder) {
            name.setText(projectName);
            folderEdited = true;
            folder.setText(projectFolder.toString());
        }

        String name() {
            return name.getText().trim();
        }

        Path folder() {
            return Path.of(folder.getText().trim()).toAbsolutePath().normalize();
        }

        private void check() {
            String problem = null;
            if (name().isEmpty()) {
                problem = "Enter a name for the project.";
            } else if (folder.getText().isBlank()) {
                problem = "Choose the folder the project will live in.";
            } else {
                try {
                    Path dir = folder();
                    if (ProjectStore.isProject(dir)) {
                        problem = dir + " already holds a project; open it with File › Open Project.";
                    } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
                        problem = dir + " is a file, not a folder.";
                    }
                } catch (InvalidPathException e) {
                    problem = "'" + folder.getText() + "' is not a valid folder name: " + e.getReason();
                }
            }
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }
    }
}
