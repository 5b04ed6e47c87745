package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.ArgumentSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.model.AvLensFactory;
import io.avlens.model.Dataset;
import io.avlens.model.Project;
import io.avlens.model.store.Locations;
import io.avlens.model.store.MergeReport;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.runner.data.MediaImport;

/** {@code avlens import --project DIR --dataset NAME SRC_DIR}: adds a folder of media files to a dataset. */
@Component(service = CliCommand.class)
public class ImportCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("import",
            "add the media files of a folder to a dataset of a project",
            """
            Adds every media file under SRC_DIR (recursively; hidden files and folders are skipped) to the dataset
            NAME of the project in DIR, creating the project and the dataset when they do not exist. Each file is
            probed with FFmpeg, so media are recognised by their content, not their extension; files FFmpeg cannot
            use (not media, empty, damaged) are rejected with the reason. A file already in the dataset is skipped,
            so importing again adds only new files. Media inside the project folder are stored relative to it,
            others as absolute file: URIs. The project is saved once at the end, its previous version kept as
            project.avlens.bak. Prints {"project", "dataset", "created", "clips" (added now), "datasetClips",
            "skipped": [{"path", "clip"}], "rejected": [{"path", "reason"}]}. A project file that cannot be opened
            is reported naming the file (exit 2) and left untouched.
            """,
            List.of(OptionSpec.required("project", "DIR", "the project folder (created when missing)"),
                    OptionSpec.required("dataset", "NAME", "the dataset to add to (created when missing)")),
            List.of(new ArgumentSpec("SRC_DIR", true, "the folder holding the media files")));

    private ProjectStore store;

    /** For DS. */
    public ImportCommand() {
    }

    /** With a given store (tests). */
    public ImportCommand(ProjectStore store) {
        this.store = store;
    }

    @Reference
    void setStore(ProjectStore projectStore) {
        this.store = projectStore;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path folder = context.resolve(arguments.required("project"));
        String datasetName = arguments.required("dataset").strip();
        Path source = context.resolve(arguments.positional(0));
        if (datasetName.isEmpty()) {
            throw new CommandException("import: --dataset needs a name");
        }
        if (!Files.isDirectory(source)) {
            throw new CommandException(source + ": " + (Files.exists(source) ? "is not a folder" : "no such folder"));
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new CommandException(folder + ": is a file, not a project folder");
        }
        boolean created = !ProjectStore.isProject(folder);
        try {
            Project project = created ? store.create(folder, folder.getFileName().toString()) : store.open(folder);
            Dataset dataset = project.findDataset(datasetName);
            boolean newDataset = dataset == null;
            if (newDataset) {
                dataset = AvLensFactory.eINSTANCE.createDataset();
                dataset.setName(datasetName);
                dataset.setRootLocation(Locations.of(folder, source));
                project.getDatasets().add(dataset);
            }
            Dataset into = dataset;
            int before = dataset.getClips().size();
            StderrProgress bar = new StderrProgress(context.err(), "import");
            // Ctrl-C stops after the file being probed; the clips probed so far are saved (a rerun skips them)
            return context.interruption().cancels(bar, () -> {
                MediaImport.Result result = null;
                try {
                    result = new MediaImport(folder, into).importFolder(source, bar);
                    bar.done();
                } catch (OperationCanceledException e) {
                    bar.done();
                } catch (IOException e) {
                    throw new CommandException(source + ": cannot be read: " + e.getMessage());
                }
                int added = into.getClips().size() - before;
                try {
                    if (newDataset || added > 0) {
                        // another program may have written the project while files were probed: keep its changes
                        MergeReport merged = store.saveMerged(project);
                        merged.conflicts().forEach(c -> context.err().println("import: kept the imported version: "
                                + c));
                    }
                } catch (ProjectStoreException e) {
                    throw new CommandException(e.getMessage());
                }
                if (result == null) {
                    throw new CommandException("import: cancelled; the " + added + " clips probed so far are saved"
                            + " in " + ProjectStore.projectFile(folder) + ", and the same command adds the rest",
                            CommandException.INTERNAL, null);
                }
                context.printJson(json(folder, into, created, result));
                return 0;
            });
        } catch (ProjectStoreException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private static JsonObject json(Path folder, Dataset dataset, boolean created, MediaImport.Result result) {
        JsonObject json = new JsonObject();
        json.addProperty("project", folder.toString());
        json.addProperty("dataset", dataset.getName());
        json.addProperty("created", created);
        json.addProperty("clips", result.added().size());
        json.addProperty("datasetClips", dataset.getClips().size());
        JsonArray skipped = new JsonArray();
        for (MediaImport.Skipped s : result.skipped()) {
            JsonObject o = new JsonObject();
            o.addProperty("path", s.path().toString());
            o.addProperty("clip", s.clipId());
            skipped.add(o);
        }
        json.add("skipped", skipped);
        JsonArray rejected = new JsonArray();
        for (MediaImport.Rejected r : result.rejected()) {
            JsonObject o = new JsonObject();
            o.addProperty("path", r.path().toString());
            o.addProperty("reason", r.reason());
            rejected.add(o);
        }
        json.add("rejected", rejected);
        return json;
    }
}
