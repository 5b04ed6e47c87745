package io.avlens.model.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.eclipse.emf.ecore.resource.Resource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.core.io.AtomicFiles;
import io.avlens.core.io.IoErrors;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Project;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectMigration;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ProjectStoreException.Problem;
import io.avlens.model.store.ValidationProblem;

/**
 * The project store: EMF XMI files, written atomically with a backup of the previous version, read only after
 * their header says they are a project of a schema this store knows (older ones are migrated in memory by the
 * registered {@link ProjectMigration} services).
 */
@Component(service = ProjectStore.class)
public class XmiProjectStore implements ProjectStore {

    /**
     * The schema version of nsURI {@code http://avlens.io/model/1.0}: 1 was the first, 2 made the experiment kind
     * free text and added per-clip results (see {@link KindAsTextMigration}, always installed).
     */
    static final int SCHEMA_VERSION = 2;

    /** How long a writer waits for another program to finish writing the project. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final List<ProjectMigration> migrations = new CopyOnWriteArrayList<>();
    private final UnaryOperator<OutputStream> saveStreamFilter;
    private final Duration lockTimeout;
    /** This store's writers by project, so a writer that gives up waiting never drops another's lock. */
    private final ProjectLock.Writers writers = new ProjectLock.Writers();

    /** For DS. */
    public XmiProjectStore() {
        this(List.of(), UnaryOperator.identity());
    }

    /**
     * With fixed migrations and a filter around the stream a save writes to (tests inject failing streams).
     */
    XmiProjectStore(Collection<? extends ProjectMigration> initial, UnaryOperator<OutputStream> saveStreamFilter) {
        this(initial, saveStreamFilter, LOCK_TIMEOUT);
    }

    /** With a lock timeout of its own (tests). */
    XmiProjectStore(Collection<? extends ProjectMigration> initial, UnaryOperator<OutputStream> saveStreamFilter,
            Duration lockTimeout) {
        this.migrations.add(new KindAsTextMigration());
        this.migrations.addAll(initial);
        this.saveStreamFilter = saveStreamFilter;
        this.lockTimeout = lockTimeout;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMigration(ProjectMigration migration) {
        migrations.add(migration);
    }

    void removeMigration(ProjectMigration migration) {
        migrations.remove(migration);
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public Project create(Path folder, String name) throws ProjectStoreException {
        Path file = ProjectStore.projectFile(folder.toAbsolutePath().normalize());
        if (Files.exists(file)) {
            throw new ProjectStoreException(file, Problem.ALREADY_EXISTS,
                    "already exists: open the project instead of creating it", null);
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new ProjectStoreException(file, Problem.IO, "cannot be created: " + describe(e), e);
        }
        Resource resource = ProjectXmi.newResource(file);
        Project project = AvLensFactory.eINSTANCE.createProject();
        project.setName(name);
        project.setSchemaVersion(SCHEMA_VERSION);
        resource.getContents().add(project);
        try (ProjectLock lock = ProjectLock.acquire(file, lockTimeout, writers)) {
            if (Files.exists(file)) {
                throw new ProjectStoreException(file, Problem.ALREADY_EXISTS,
                        "was just created by another program: open the project instead of creating it", null);
            }
            write(project, file);
        }
        return project;
    }

    @Override
    public Project open(Path folder) throws ProjectStoreException {
        Path file = ProjectStore.projectFile(folder.toAbsolutePath().normalize());
        return new ProjectFileReader(SCHEMA_VERSION, migrations).read(file);
    }

    @Override
    public void save(Project project) throws ProjectStoreException {
        Path file = fileOf(project);
        try (ProjectLock lock = ProjectLock.acquire(file, lockTimeout, writers)) {
            if (DiskState.differs(project.eResource(), currentContent(file))) {
                throw new ProjectStoreException(file, Problem.CHANGED_ON_DISK, "was changed by another program"
                        + " since it was opened; saving now would lose those changes. Take them over first (merge)"
                        + " or reopen the project (the file was not changed)", null);
            }
            write(project, file);
        }
    }

    @Override
    public MergeReport saveMerged(Project project) throws ProjectStoreException {
        Path file = fileOf(project);
        try (ProjectLock lock = ProjectLock.acquire(file, lockTimeout, writers)) {
            MergeReport report = mergeUnlocked(project, file);
            write(project, file);
            return report;
        }
    }

    @Override
    public Project update(Path folder, ProjectChange change) throws ProjectStoreException {
        Path file = ProjectStore.projectFile(folder.toAbsolutePath().normalize());
        try (ProjectLock lock = ProjectLock.acquire(file, lockTimeout, writers)) {
            Project project = new ProjectFileReader(SCHEMA_VERSION, migrations).read(file);
            change.apply(project);
            write(project, file);
            return project;
        }
    }

    @Override
    public boolean changedOnDisk(Project project) {
        Path file = fileOf(project);
        // polled on the UI thread: the file is read only when its size or modification time changed
        return !DiskState.sameStamp(project.eResource(), file)
                && DiskState.differs(project.eResource(), currentContent(file));
    }

    @Override
    public MergeReport merge(Project project) throws ProjectStoreException {
        return mergeUnlocked(project, fileOf(project));
    }

    private MergeReport mergeUnlocked(Project project, Path file) throws ProjectStoreException {
        byte[] baseContent = DiskState.of(project.eResource());
        ProjectFileReader reader = new ProjectFileReader(SCHEMA_VERSION, migrations);
        String stamp = DiskState.stamp(file);
        byte[] current = ProjectFileReader.readBytes(file);
        if (baseContent == null || Arrays.equals(baseContent, current)) {
            DiskState.set(project.eResource(), current, stamp);
            return new MergeReport(List.of(), List.of());
        }
        Project theirs = reader.parse(file, current);
        Project base = reader.parse(file, baseContent);
        MergeReport report = ProjectMerge.merge(base, theirs, project);
        DiskState.set(project.eResource(), current, stamp);
        return report;
    }

    /**
     * The project file's bytes now, or null when it is missing or cannot be read: nothing another program wrote can
     * be lost then (a save writes the file anew, a watcher has nothing to take over).
     */
    private static byte[] currentContent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes {@code project} to {@code file} atomically with a backup; the caller holds the project's lock. */
    private void write(Project project, Path file) throws ProjectStoreException {
        project.setSchemaVersion(SCHEMA_VERSION);
        byte[] content;
        try {
            content = ProjectXmi.serialize(project.eResource());
        } catch (IOException e) {
            throw new ProjectStoreException(file, Problem.INVALID_CONTENT, "was not saved, the project cannot be"
                    + " written: " + e.getMessage() + " (the previous version is unchanged)", e);
        }
        try {
            AtomicFiles.write(file, out -> {
                OutputStream filtered = saveStreamFilter.apply(out);
                filtered.write(content);
                filtered.flush();
            }, file.resolveSibling(BACKUP_FILE_NAME));
        } catch (IOException e) {
            throw new ProjectStoreException(file, Problem.IO, "was not saved: " + describe(e)
                    + " (the previous version is unchanged)", e);
        }
        DiskState.set(project.eResource(), content, DiskState.stamp(file)); // under the lock: no one else wrote
    }

    @Override
    public Path folderOf(Project project) {
        return fileOf(project).getParent();
    }

    @Override
    public List<ValidationProblem> validate(Project project) {
        return new ProjectValidator(folderOf(project)).validate(project);
    }

    /** An I/O failure in words: file-system errors often carry only a path as their message. */
    static String describe(IOException e) {
        return IoErrors.describe(e);
    }

    private static Path fileOf(Project project) {
        Path file = ProjectXmi.fileOf(project.eResource());
        if (file == null) {
            throw new IllegalArgumentException("project '" + project.getName()
                    + "' was not created or opened by a ProjectStore, so it has no project file");
        }
        return file;
    }
}
