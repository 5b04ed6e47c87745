package io.avlens.cli.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.ArgumentSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;

/** {@code avlens probe FILE}: what a media file holds, read by FFmpeg without decoding it. */
@Component(service = CliCommand.class)
public class ProbeCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("probe",
            "describe a media file: duration, video and audio streams",
            """
            Prints {"path", "container", "durationSeconds", "video": {"fps", "width", "height", "codec", "frames"}
            or null, "audio": {"sampleRate", "channels", "codec"} or null}. A file FFmpeg cannot use (missing,
            empty, corrupt or truncated, an unsupported codec, no stream, zero length, implausible size) is
            reported with the file and the problem, exit 2.
            """,
            List.of(), List.of(new ArgumentSpec("FILE", true, "a video or audio file")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        MediaInfo info;
        try {
            info = MediaProbe.probe(context.resolve(arguments.positional(0)));
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        }
        JsonObject json = new JsonObject();
        json.addProperty("path", info.path().toString());
        json.addProperty("container", info.container());
        json.addProperty("durationSeconds", info.durationSeconds());
        if (info.hasVideo()) {
            JsonObject v = new JsonObject();
            v.addProperty("fps", info.video().fps());
            v.addProperty("width", info.video().width());
            v.addProperty("height", info.video().height());
            v.addProperty("codec", info.video().codec());
            v.addProperty("frames", info.video().frames());
            json.add("video", v);
        } else {
            json.add("video", JsonNull.INSTANCE);
        }
        if (info.hasAudio()) {
            JsonObject a = new JsonObject();
            a.addProperty("sampleRate", info.audio().sampleRate());
            a.addProperty("channels", info.audio().channels());
            a.addProperty("codec", info.audio().codec());
            json.add("audio", a);
        } else {
            json.add("audio", JsonNull.INSTANCE);
        }
        context.printJson(json);
        return 0;
    }
}
