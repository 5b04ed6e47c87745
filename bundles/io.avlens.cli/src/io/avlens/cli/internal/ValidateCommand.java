package io.avlens.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.model.Project;
import io.avlens.model.store.ExperimentParameterCatalog;
import io.avlens.model.store.ExperimentParameterCheck;
import io.avlens.model.store.ProjectStore;
import io.avlens.model.store.ProjectStoreException;
import io.avlens.model.store.ValidationProblem;
import io.avlens.model.store.ValidationProblem.Severity;
import io.avlens.runner.RunFolders;

/** {@code avlens validate --project DIR}: checks a project and lists what is wrong with it. */
@Component(service = CliCommand.class)
public class ValidateCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("validate",
            "check a project: files it points at, profiles, ids, times",
            """
            Opens the project in DIR and checks it: the schema's own rules (required values, references), every
            location resolves to an existing file, preprocessing profiles are sane, ids and names are unique, times
            lie within their clips; with the model runner installed, also that every experiment's parameters are
            read by its kind (a parameter nothing reads is a warning: it is ignored) and that its kind can run; run
            folders under runs/ that a killed or crashed program left (incomplete, or finished but not recorded)
            are warnings. Prints {"project", "valid", "errors", "warnings", "problems": [{"severity"
            ("error" or "warning"), "path" (where in the project, e.g. datasets[d]/clips[c]), "message"}]}.
            Exit 0 when there is no error (warnings allowed), 2 otherwise. A project file that cannot be opened
            (damaged, not a project, newer schema) is one error naming the file; a folder without a project is
            reported on standard error (exit 2). Nothing is written.
            """,
            List.of(OptionSpec.required("project", "DIR", "the project folder")), List.of());

    private ProjectStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ExperimentParameterCatalog catalog;

    /** For DS. */
    public ValidateCommand() {
    }

    /** With a given store (tests). */
    public ValidateCommand(ProjectStore store) {
        this.store = store;
    }

    /** With a given store and parameter catalog (tests). */
    ValidateCommand(ProjectStore store, ExperimentParameterCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
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
        if (!ProjectStore.isProject(folder)) {
            throw new CommandException(ProjectStore.projectFile(folder) + ": no such file: " + folder
                    + " is not an AV Lens project folder");
        }
        List<ValidationProblem> problems = new ArrayList<>();
        try {
            Project project = store.open(folder);
            problems.addAll(store.validate(project));
            problems.addAll(ExperimentParameterCheck.check(project, catalog));
            problems.addAll(RunFolders.validationProblems(folder, project));
        } catch (ProjectStoreException e) {
            problems.add(new ValidationProblem(Severity.ERROR, "", e.getMessage()));
        }
        long errors = problems.stream().filter(ValidationProblem::isError).count();
        JsonObject json = new JsonObject();
        json.addProperty("project", folder.toString());
        json.addProperty("valid", errors == 0);
        json.addProperty("errors", errors);
        json.addProperty("warnings", problems.size() - errors);
        JsonArray list = new JsonArray();
        for (ValidationProblem p : problems) {
            JsonObject o = new JsonObject();
            o.addProperty("severity", p.severity().name().toLowerCase(Locale.ROOT));
            o.addProperty("path", p.path());
            o.addProperty("message", p.message());
            list.add(o);
        }
        json.add("problems", list);
        context.printJson(json);
        return errors == 0 ? 0 : CommandException.BAD_INPUT;
    }
}
