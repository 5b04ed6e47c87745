package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.profile.PreprocessingProfile;
import io.avlens.core.profile.Profiles;
import io.avlens.media.MediaException;
import io.avlens.media.bench.BenchClip;
import io.avlens.media.bench.DecodeBenchmark;
import io.avlens.media.bench.DspBenchmark;

/**
 * {@code avlens bench}: measures the media layer against references run in the same process and moment: decoding
 * to a model profile against the {@code ffmpeg} command line's plain decode of the same file, log-mel spectrograms
 * against real time, Griffin-Lim against the clip length. Prints the numbers; never judges them.
 */
@Component(service = CliCommand.class)
public class BenchCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("bench",
            "measure decoding, log-mel and Griffin-Lim speed against references run alongside",
            """
            Prints {"decode": {"file", "profile", "threads", "sourceFrames", "readerFramesPerSecond",
            "cliFramesPerSecond", "ratio", "reference"}, "logMel": {"profile", "realTimeFactor", ...},
            "griffinLim": {"iterations", "audioSeconds", "milliseconds"}}. Without --file a 10 s 640x360 30 fps
            H.264 clip is written to a temporary folder and decoded. The reference decoder is the ffmpeg command
            line on PATH ("ratio" is null without one). Decoding uses --threads decoder threads on both sides
            (default 1: one core each); log-mel and Griffin-Lim run on one thread.
            """,
            List.of(OptionSpec.optional("file", "VIDEO", "decode this video instead of the generated clip"),
                    OptionSpec.optional("profile", "ID", "preprocessing profile (default avshapes-small)"),
                    OptionSpec.optional("runs", "N", "timed runs per measurement (default 5)"),
                    OptionSpec.optional("threads", "N", "decoder threads, 0 = one per core (default 1)")),
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        String profileId = arguments.value("profile", Profiles.AVSHAPES_SMALL.id());
        PreprocessingProfile profile = Profiles.byId(profileId).orElseThrow(() -> new CommandException(
                "unknown profile " + profileId + "; known: " + Profiles.all().stream().map(PreprocessingProfile::id)
                        .toList()));
        if (profile.video() == null || profile.mel() == null) {
            throw new CommandException("profile " + profileId + " has no frames or no mel spectrogram to measure");
        }
        int runs = arguments.intValue("runs", 5, 1, 1000);
        int threads = arguments.intValue("threads", 1, 0, 256);
        String file = arguments.value("file", null);
        Path temp = null;
        try {
            Path video;
            if (file == null) {
                temp = Files.createTempDirectory("avlens-bench");
                context.err().println("bench: writing a 10 s 640x360 30 fps H.264 clip to " + temp);
                video = BenchClip.write(temp.resolve("bench.mp4"), 640, 360, 30, 10);
            } else {
                video = context.resolve(file);
            }
            context.err().println("bench: decoding " + video.getFileName() + " to " + profile.id() + " ...");
            DecodeBenchmark.Result decode = DecodeBenchmark.run(video, profile.video(), threads, runs);
            context.err().println("bench: log-mel and Griffin-Lim ...");
            DspBenchmark.Result dsp = DspBenchmark.run(profile, runs, 32);

            JsonObject json = new JsonObject();
            JsonObject d = new JsonObject();
            d.addProperty("file", decode.file());
            d.addProperty("profile", profile.id());
            d.addProperty("threads", decode.threads());
            d.addProperty("runs", decode.runs());
            d.addProperty("sourceFrames", decode.sourceFrames());
            d.addProperty("readerFramesPerSecond", round(decode.readerFramesPerSecond()));
            d.addProperty("cliFramesPerSecond", decode.referenceAvailable() ? round(decode.cliFramesPerSecond()) : null);
            d.addProperty("ratio", decode.referenceAvailable() ? round(decode.ratio()) : null);
            d.addProperty("reference", decode.reference());
            json.add("decode", d);
            JsonObject m = new JsonObject();
            m.addProperty("profile", dsp.profile());
            m.addProperty("audioSeconds", dsp.melAudioSeconds());
            m.addProperty("milliseconds", round(dsp.melMedianSeconds() * 1000));
            m.addProperty("realTimeFactor", round(dsp.melRealTimeFactor()));
            json.add("logMel", m);
            JsonObject g = new JsonObject();
            g.addProperty("iterations", dsp.griffinLimIterations());
            g.addProperty("audioSeconds", dsp.griffinLimSeconds());
            g.addProperty("milliseconds", round(dsp.griffinLimMedianSeconds() * 1000));
            json.add("griffinLim", g);
            context.printJson(json);
            context.err().println(String.format(Locale.ROOT,
                    "bench: decode %.2fx the ffmpeg command line, log-mel %.0fx real time, Griffin-Lim %.1f ms",
                    decode.ratio(), dsp.melRealTimeFactor(), dsp.griffinLimMedianSeconds() * 1000));
            return 0;
        } catch (MediaException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException("bench: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("bench: interrupted");
        } finally {
            deleteQuietly(temp);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
