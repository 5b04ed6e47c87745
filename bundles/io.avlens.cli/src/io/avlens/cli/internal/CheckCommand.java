package io.avlens.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
import io.avlens.inference.descriptor.ClipFacts;
import io.avlens.inference.descriptor.ContractChecker;
import io.avlens.inference.descriptor.ContractMismatch;
import io.avlens.inference.descriptor.ModelCatalog;
import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.models.BuiltinModels;
import io.avlens.inference.descriptor.ModelDescriptor.Modality;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;

/** {@code avlens check --model ID --clip FILE}: every way a clip differs from what a model was trained on. */
@Component(service = CliCommand.class)
public class CheckCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("check",
            "compare a clip with a model's preprocessing contract",
            """
            Prints {"ok", "model", "profile", "clip", "mismatches": [{"field", "expected", "actual", "severity",
            "message"}]}. ID is an imported model (see `avlens models`) or a known profile (diff-foley-cavp,
            denseav, condfoleygen, action2sound, avshapes-small). Fields: video, audio, fps, frameSize,
            sampleRate, channels, clipLength. Severity "error": the model cannot take the clip (a missing stream,
            shorter than one window); "converted": AV Lens will resample, resize, downmix or cut it, so results
            may differ from the official pipeline's. "ok" is true when no mismatch is an error; exit 0 then,
            else 2. An unknown model or an unreadable clip: exit 2 with the problem.
            """,
            List.of(OptionSpec.required("model", "ID", "an imported model id or a profile id"),
                    OptionSpec.required("clip", "FILE", "the video or audio file"),
                    OptionSpec.optional("models", "DIR", "the models folder (default $AVLENS_DATA/models)")),
            List.of());

    /** The shipped models, put into the models folder before it is read. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BuiltinModels builtin;

    /** For DS. */
    public CheckCommand() {
    }

    /** Installing these built-in models into the folder first (tests); null for none. */
    CheckCommand(BuiltinModels builtin) {
        this.builtin = builtin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String id = arguments.required("model");
        Path clip = context.resolve(arguments.required("clip"));
        PreprocessingProfile profile;
        Set<Modality> modalities;
        Path folder = ModelFolders.folder(arguments, context);
        ModelFolders.installBuiltins(folder, builtin, context);
        Optional<ModelCatalog.Entry> model = ModelFolders.scan(folder).byId(id);
        if (model.isPresent()) {
            profile = model.get().descriptor().profile();
            modalities = model.get().descriptor().modalities();
        } else {
            profile = Profiles.byId(id).orElseThrow(() -> new CommandException("unknown model '" + id
                    + "': neither an imported or built-in model (see `avlens models`) nor a known profile "
                    + Profiles.all().stream().map(PreprocessingProfile::id).toList()));
            modalities = ModelDescriptor.defaultModalities(profile);
        }
        MediaInfo info;
        try {
            info = MediaProbe.probe(clip);
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        }
        boolean padShort = model.isPresent() && model.get().descriptor().padShort();
        List<ContractMismatch> mismatches = ContractChecker.check(profile, modalities, padShort, facts(info));
        boolean ok = ContractChecker.usable(mismatches);
        JsonObject json = new JsonObject();
        json.addProperty("ok", ok);
        json.addProperty("model", id);
        json.addProperty("profile", profile.id());
        json.addProperty("clip", clip.toString());
        JsonArray list = new JsonArray();
        for (ContractMismatch m : mismatches) {
            JsonObject o = new JsonObject();
            o.addProperty("field", m.field());
            o.addProperty("expected", m.expected());
            o.addProperty("actual", m.actual());
            o.addProperty("severity", m.severity().name().toLowerCase(Locale.ROOT));
            o.addProperty("message", m.message());
            list.add(o);
        }
        json.add("mismatches", list);
        context.printJson(json);
        return ok ? 0 : CommandException.BAD_INPUT;
    }

    /** What the contract checker needs from a probe. */
    static ClipFacts facts(MediaInfo info) {
        ClipFacts.Video v = info.hasVideo()
                ? new ClipFacts.Video(info.video().fps(), info.video().width(), info.video().height()) : null;
        ClipFacts.Audio a = info.hasAudio() ? new ClipFacts.Audio(info.audio().sampleRate(), info.audio().channels())
                : null;
        return new ClipFacts(info.path().getFileName().toString(), info.durationSeconds(), v, a);
    }
}
