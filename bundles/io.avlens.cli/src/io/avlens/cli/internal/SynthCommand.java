package io.avlens.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.FileTrees;
import io.avlens.core.io.IoErrors;
import io.avlens.model.store.ProjectStore;
import io.avlens.synth.AvShapesGenerator;
import io.avlens.synth.DatasetBusyException;
import io.avlens.synth.NarrationScope;
import io.avlens.synth.SynthProgress;
import io.avlens.synth.SynthResult;
import io.avlens.synth.SynthSpec;

/** {@code avlens synth --out DIR --clips N --seed S}: generates an AV-Shapes dataset with its project. */
@Component(service = CliCommand.class)
public class SynthCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("synth",
            "generate the AV-Shapes synthetic audio-visual dataset with exact ground truth",
            """
            Writes N clips of 1-3 objects (circle, square, triangle; wood, metal, glass, ceramic, rubber) that fall
            and bounce (hit sounds), slide (scratch sounds) or drift silently, with off-screen sounds, an ambient bed
            and a narration, into DIR/media (clip-00000.mp4 with H.264 + AAC 16 kHz, .json sidecar, .masks.npy and
            .sounding.npy, uint8 [T, H, W]) and the project DIR/project.avlens (dataset av-shapes, splits
            train/val/test 80/10/10). The same seed gives the same files. --lag-range S shifts each clip's sound by
            a lag drawn in [-S, S] seconds (positive: sound later). --speech adds each object's colour name, said
            while it is visible. --objects MIN-MAX and --silent-share P change how many objects a clip has and
            how many of them move silently (e.g. --objects 1-2 --silent-share 0.6 makes about half the clips show no
            sounding action; the defaults give the original data byte for byte). --separate-speech (with --speech)
            puts sounds and speech in separate clips, as DenseAV's two datasets: even clips keep their sounds and
            say no word, odd clips say their colour names with every hit and scratch muted. --narration seen writes
            narrations of what is seen only, as a narrator who watches the picture without its sound ("a glass
            circle drifts through the air", "a metal block hits the floor twice"): no word about sound or silence
            and no off-screen clause; the default, full, also says what is heard ("drifts silently", "with a
            scraping sound", "something out of view clatters"). Pictures and sounds are the same for both. Prints {"clips", "project", "seconds", "clipsPerSecond"}; a progress bar goes to
            stderr. With --bench the clips go to a temporary folder that is removed afterwards (default 40 clips),
            and the output is {"clips", "threads", "size", "fps", "clipSeconds", "seconds", "clipsPerSecond"}.
            DIR must not hold a project already, nor any file of a clip it would write, nor be written by another
            synth at the same time (exit 2: nothing is overwritten); a run that fails removes the clips it wrote.
            """,
            List.of(OptionSpec.optional("out", "DIR", "the folder to write (required unless --bench)"),
                    OptionSpec.optional("clips", "N", "number of clips (default 10; 40 with --bench)"),
                    OptionSpec.optional("seed", "S", "dataset seed, a whole number (default 0)"),
                    OptionSpec.optional("size", "PX", "frame width and height, even, 32-1024 (default 128)"),
                    OptionSpec.optional("fps", "F", "frames per second, 1-60 (default 8)"),
                    OptionSpec.optional("seconds", "S", "clip length, 1-120 seconds (default 4)"),
                    OptionSpec.optional("lag-range", "SECONDS", "audio-video lags drawn in [-S, S] (default 0)"),
                    OptionSpec.flag("speech", "add a spoken colour name per object"),
                    OptionSpec.flag("separate-speech", "with --speech: sounds in even clips, words in odd clips (muted)"),
                    OptionSpec.optional("objects", "MIN-MAX", "objects per clip, within 1-3 (default 1-3)"),
                    OptionSpec.optional("silent-share", "P", "share of silently moving objects, 0-1 (default 0.2)"),
                    OptionSpec.optional("narration", "full|seen",
                            "what the narrations tell: seen and heard, or seen only (default full)"),
                    OptionSpec.optional("threads", "N", "clips generated side by side (default 2)"),
                    OptionSpec.flag("bench", "measure clips per second into a temporary folder")),
            List.of());

    private ProjectStore store;

    /** For DS. */
    public SynthCommand() {
    }

    /** With a given store (tests). */
    public SynthCommand(ProjectStore store) {
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
        boolean bench = arguments.flag("bench");
        String outArg = arguments.value("out", null);
        if (outArg == null && !bench) {
            throw new CommandException("synth: --out DIR is required (or --bench)");
        }
        SynthSpec spec;
        try {
            spec = new SynthSpec(arguments.intValue("clips", bench ? 40 : 10, 1, 1_000_000), longValue(arguments,
                    "seed", 0), arguments.intValue("size", SynthSpec.DEFAULT_SIZE, 32, 1024),
                    doubleValue(arguments, "fps", SynthSpec.DEFAULT_FPS),
                    doubleValue(arguments, "seconds", SynthSpec.DEFAULT_SECONDS),
                    doubleValue(arguments, "lag-range", 0), arguments.flag("speech"),
                    arguments.intValue("threads", SynthSpec.DEFAULT_THREADS, 1, 64));
            int[] objects = objectRange(arguments.value("objects", "1-" + SynthSpec.MAX_OBJECTS));
            double silent = doubleValue(arguments, "silent-share", SynthSpec.DEFAULT_SILENT_SHARE);
            if (objects[0] != 1 || objects[1] != SynthSpec.MAX_OBJECTS || silent != SynthSpec.DEFAULT_SILENT_SHARE) {
                spec = spec.withObjects(objects[0], objects[1], silent);
            }
            if (arguments.flag("separate-speech")) {
                spec = spec.withSeparateSpeech(true);
            }
            String narration = arguments.value("narration", null);
            if (narration != null) {
                spec = spec.withNarration(NarrationScope.parse(narration));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandException("synth: " + e.getMessage());
        }
        Path out = null;
        try {
            out = bench ? Files.createTempDirectory("avlens-synth-bench") : context.resolve(outArg);
            if (!bench && Files.exists(out) && !Files.isDirectory(out)) {
                throw new CommandException(out + ": is a file, not a folder to write the dataset to");
            }
            ProgressBar bar = new ProgressBar(context.err());
            Path target = out;
            SynthSpec request = spec;
            // Ctrl-C stops the generation; what it wrote is removed (the folder, if it made it)
            SynthResult result = context.interruption().onInterrupt(bar::cancel, () -> {
                try {
                    return new AvShapesGenerator(store).generate(request, target, bar);
                } catch (CancellationException e) {
                    bar.end();
                    throw new CommandException("synth: cancelled; the clips written so far were removed",
                            CommandException.INTERNAL, null);
                } catch (FileAlreadyExistsException | DatasetBusyException e) {
                    throw new CommandException(e.getFile() + ": " + e.getReason());
                } catch (IOException e) {
                    throw new CommandException((bench ? "the benchmark's temporary folder" : target)
                            + ": cannot write the dataset: " + IoErrors.describe(e));
                }
            });
            JsonObject json = new JsonObject();
            json.addProperty("clips", result.clips());
            if (bench) {
                json.addProperty("threads", spec.threads());
                json.addProperty("size", spec.size());
                json.addProperty("fps", spec.fps());
                json.addProperty("clipSeconds", spec.seconds());
            } else {
                json.addProperty("project", result.project().toString());
            }
            json.addProperty("seconds", Math.round(result.seconds() * 1000) / 1000.0);
            json.addProperty("clipsPerSecond", Math.round(result.clipsPerSecond() * 100) / 100.0);
            context.printJson(json);
            context.err().println(String.format(Locale.ROOT, "synth: %d clips in %.1f s (%.1f clips/s)",
                    result.clips(), result.seconds(), result.clipsPerSecond()));
            return 0;
        } catch (IOException e) {
            throw new CommandException((bench ? "the benchmark's temporary folder" : out != null ? out : outArg)
                    + ": cannot write the dataset: " + IoErrors.describe(e));
        } finally {
            if (bench) {
                FileTrees.deleteQuietly(out);
            }
        }
    }

    private static long longValue(ParsedArguments arguments, String name, long fallback) throws CommandException {
        String v = arguments.value(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new CommandException("synth: --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    private static double doubleValue(ParsedArguments arguments, String name, double fallback)
            throws CommandException {
        String v = arguments.value(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandException("synth: --" + name + " needs a number, got '" + v + "'");
        }
    }

    /** A one-line bar on stderr, redrawn when its width in characters changes, ended by a newline. */
    private static final class ProgressBar extends StderrLine implements SynthProgress {
        private static final int WIDTH = 30;
        private int drawn = -1;

        ProgressBar(PrintStream err) {
            super(err);
        }

        @Override
        public boolean isCanceled() {
            return cancelled();
        }

        /** Ctrl-C: stop before the next clip. */
        void cancel() {
            cancel("synth: stopping (Ctrl-C); the clips written are removed");
        }

        @Override
        public void clipsDone(int done, int total) {
            if (cancelled()) {
                return;
            }
            int filled = (int) ((long) done * WIDTH / total);
            if (filled != drawn || done == total) {
                drawn = filled;
                err.print("\rsynth: [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                        + " clips");
                open = true;
                if (done == total) {
                    end();
                }
                err.flush();
            }
        }
    }

    /** {@code MIN-MAX} or a single number. */
    private static int[] objectRange(String text) throws CommandException {
        String[] parts = text.trim().split("-", -1);
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new CommandException("synth: --objects must be MIN-MAX (e.g. 1-2) or a number, not '" + text + "'");
        }
    }
}
