package io.avlens.cli.internal;

import java.nio.file.Path;
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
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.inference.TensorSpec;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.models.BuiltinModels;

/** {@code avlens models}: the imported models (descriptor folders) and the profiles a clip can be checked against. */
@Component(service = CliCommand.class)
public class ModelsCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("models",
            "list the imported models and the known preprocessing profiles",
            """
            Prints {"folder", "models": [{"id", "family", "source", "profile", "modalities", "inputs", "outputs",
            "descriptor", "weightsPresent"}], "problems": [{"file", "message"}], "profiles": [ids]}. Models are
            folders holding model.json next to their weights (tools/export writes them), inside --models DIR
            (default $AVLENS_DATA/models); the built-in models (cavp-small) are put there first when missing or
            changed. A descriptor that cannot be read is listed under "problems".
            """,
            List.of(OptionSpec.optional("models", "DIR", "the models folder (default $AVLENS_DATA/models)")),
            List.of());

    /** The shipped models, put into the models folder before it is read. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public ModelsCommand() {
    }

    /** Installing these built-in models into the folder first (tests); null for none. */
    ModelsCommand(BuiltinModels builtin) {
        this.builtin = builtin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        ModelCatalog catalog = ModelFolders.scan(folder);
        JsonObject json = new JsonObject();
        json.addProperty("folder", folder.toString());
        JsonArray models = new JsonArray();
        for (ModelCatalog.Entry e : catalog.models()) {
            ModelDescriptor d = e.descriptor();
            JsonObject m = new JsonObject();
            m.addProperty("id", d.id());
            m.addProperty("family", d.family());
            m.addProperty("source", d.source().name().toLowerCase(Locale.ROOT));
            m.addProperty("profile", d.profile().id());
            JsonArray modalities = new JsonArray();
            d.modalities().stream().sorted().forEach(x -> modalities.add(x.name().toLowerCase(Locale.ROOT)));
            m.add("modalities", modalities);
            m.add("inputs", tensors(d.inputs()));
            m.add("outputs", tensors(d.outputs()));
            m.addProperty("descriptor", e.file().toString());
            m.addProperty("weightsPresent", e.weightsPresent());
            models.add(m);
        }
        json.add("models", models);
        JsonArray problems = new JsonArray();
        for (ModelCatalog.Problem p : catalog.problems()) {
            JsonObject o = new JsonObject();
            o.addProperty("file", p.file().toString());
            o.addProperty("message", p.message());
            problems.add(o);
        }
        json.add("problems", problems);
        JsonArray profiles = new JsonArray();
        Profiles.all().stream().map(PreprocessingProfile::id).forEach(profiles::add);
        json.add("profiles", profiles);
        context.printJson(json);
        return 0;
    }

    private static JsonArray tensors(List<TensorSpec> specs) {
        JsonArray a = new JsonArray();
        specs.forEach(t -> a.add(t.toString()));
        return a;
    }
}
