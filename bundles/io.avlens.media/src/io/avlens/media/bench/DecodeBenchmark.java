package io.avlens.media.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.avlens.core.profile.VideoSpec;
import io.avlens.media.FrameReader;
import io.avlens.media.MediaException;
import io.avlens.media.MediaInfo;
import io.avlens.media.MediaProbe;

/**
 * Measures how fast {@link FrameReader} decodes a file to a {@link VideoSpec}, against the ffmpeg command line's
 * plain decode of the same file in the same run, so the two share the machine's state (caches, load, clock).
 * <p>
 * The reference is {@code ffmpeg -hide_banner -nostdin -benchmark -threads N -i FILE -map 0:v:0 -f null -}: the
 * first video stream only (the reader skips audio too), no scaling or conversion, and its time is the
 * {@code rtime} ffmpeg reports for its decode loop, so process start and file opening are left out of the
 * reference but counted for the reader (the stricter comparison). Both use the same decoder thread count
 * ({@code N}; 0 = one per core). A short file is repeated until each timing covers at least a second of work
 * ({@link RepeatedWork}; ffmpeg gets {@code -stream_loop}): ffmpeg reports milliseconds, so one pass over a
 * short clip would read {@code rtime=0.000} and give an infinite rate. The sizing runs warm both sides up; then
 * each side runs {@code runs} times alternately and the best time per pass is kept. Throughput is source frames
 * (from the container header) per second. A reference still timed at zero is reported as below resolution, never
 * as a number. Measures, never judges: a slow result is a number, not an error.
 */
public final class DecodeBenchmark {

    private static final Pattern RTIME = Pattern.compile("bench:.*rtime=([0-9.]+)s");
    private static final Pattern VERSION = Pattern.compile("ffmpeg version (\\S+)");

    /**
     * One measurement.
     *
     * @param file             the video measured
     * @param spec             the spec the reader decoded to
     * @param threads          decoder threads on both sides (0 = one per core)
     * @param runs             timed runs per side
     * @param sourceFrames     frames in the video (container header)
     * @param readerRepeats    passes over the file per timed run of the reader
     * @param readerSeconds    best time per pass of {@link FrameReader#read(Path)}, including opening the file
     * @param cliRepeats       passes over the file per timed run of the ffmpeg command line, 0 when it did not run
     * @param cliSeconds       best decode-loop time per pass of the ffmpeg command line: NaN when it did not run,
     *                         0 when below its resolution even over {@code cliRepeats} passes
     * @param cliWallSeconds   best wall time per pass of the ffmpeg process, including its start, NaN when it did
     *                         not run
     * @param reference        "ffmpeg VERSION (PATH)", or why the reference is unavailable
     */
    public record Result(String file, VideoSpec spec, int threads, int runs, long sourceFrames, int readerRepeats,
            double readerSeconds, int cliRepeats, double cliSeconds, double cliWallSeconds, String reference) {

        /** Source frames the reader decodes per second, NaN when its time is below resolution. */
        public double readerFramesPerSecond() {
            return readerSeconds > 0 ? sourceFrames / readerSeconds : Double.NaN;
        }

        /** Source frames the ffmpeg command line decodes per second, NaN when unavailable or below resolution. */
        public double cliFramesPerSecond() {
            return referenceResolved() ? sourceFrames / cliSeconds : Double.NaN;
        }

        /**
         * Reader throughput over the command line's (1 = as fast); NaN, never infinite, when the reference is
         * unavailable or either time is below resolution.
         */
        public double ratio() {
            return referenceResolved() && readerSeconds > 0 ? cliSeconds / readerSeconds : Double.NaN;
        }

        /** Whether the ffmpeg command line ran. */
        public boolean referenceAvailable() {
            return !Double.isNaN(cliSeconds);
        }

        /** Whether it ran and its time is above its resolution, so it gives a number. */
        public boolean referenceResolved() {
            return cliSeconds > 0;
        }

        /** Why {@link #ratio()} is NaN, or null when it is a number. */
        public String ratioNote() {
            if (!referenceAvailable()) {
                return "no reference: " + reference;
            }
            if (!referenceResolved()) {
                return "below resolution: ffmpeg timed " + cliRepeats + " passes at 0.000 s";
            }
            return readerSeconds > 0 ? null : "below resolution: the reader timed " + readerRepeats + " passes at 0 s";
        }
    }

    private DecodeBenchmark() {
    }

    /**
     * Measures {@code file} with the {@code ffmpeg} found on {@code PATH}.
     *
     * @param threads decoder threads for both sides, 0 for one per core
     * @param runs    timed runs per side, at least 1
     * @throws MediaException when the reader cannot read the file
     */
    public static Result run(Path file, VideoSpec spec, int threads, int runs) throws IOException,
            InterruptedException {
        return run(file, spec, threads, runs, findOnPath("ffmpeg"));
    }

    /** Measures {@code file} against a given ffmpeg executable, each timing over at least a second of work. */
    public static Result run(Path file, VideoSpec spec, int threads, int runs, Optional<Path> ffmpeg)
            throws IOException, InterruptedException {
        return run(file, spec, threads, runs, ffmpeg, RepeatedWork.MIN_SECONDS);
    }

    /**
     * Measures {@code file} against a given ffmpeg executable.
     *
     * @param ffmpeg     the executable, or empty when there is none (the result then says the reference is
     *                   unavailable)
     * @param minSeconds the least work per timing; the file is decoded as many times as that takes
     */
    public static Result run(Path file, VideoSpec spec, int threads, int runs, Optional<Path> ffmpeg,
            double minSeconds) throws IOException, InterruptedException {
        if (runs < 1) {
            throw new IllegalArgumentException("at least one run is needed, not " + runs);
        }
        MediaInfo info = MediaProbe.probe(file);
        if (!info.hasVideo()) {
            throw new MediaException(file, MediaException.Problem.NO_VIDEO, "holds no video stream", null);
        }
        FrameReader reader = new FrameReader(spec, threads);
        String reference = ffmpeg.isEmpty() ? "unavailable: no ffmpeg on PATH" : describe(ffmpeg.get());
        RepeatedWork.Timing readerTiming = repeats -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                reader.read(file);
            }
            return (System.nanoTime() - t0) / 1e9;
        };
        double[] wall = {Double.NaN};
        RepeatedWork.Timing cliTiming = repeats -> {
            double[] times = runCli(ffmpeg.orElseThrow(), file, threads, repeats);
            wall[0] = times == null ? Double.NaN : times[1];
            return times == null ? Double.NaN : times[0];
        };
        RepeatedWork.Sized readerSize = RepeatedWork.size(readerTiming, minSeconds, RepeatedWork.MAX_REPEATS);
        RepeatedWork.Sized cliSize = null;
        if (ffmpeg.isPresent() && !reference.startsWith("unavailable")) {
            cliSize = RepeatedWork.size(cliTiming, minSeconds, RepeatedWork.MAX_REPEATS);
            if (cliSize.failed()) {
                cliSize = null;
                reference = "unavailable: " + ffmpeg.get() + " failed to decode " + file;
            }
        }
        double readerBest = Double.POSITIVE_INFINITY;
        double cliBest = Double.POSITIVE_INFINITY;
        double wallBest = Double.POSITIVE_INFINITY;
        for (int run = 0; run < runs; run++) {
            readerBest = Math.min(readerBest, readerTiming.seconds(readerSize.repeats()) / readerSize.repeats());
            if (cliSize != null) {
                double seconds = cliTiming.seconds(cliSize.repeats());
                if (Double.isNaN(seconds)) {
                    cliSize = null;
                    reference = "unavailable: " + ffmpeg.get() + " failed to decode " + file;
                } else {
                    cliBest = Math.min(cliBest, seconds / cliSize.repeats());
                    wallBest = Math.min(wallBest, wall[0] / cliSize.repeats());
                }
            }
        }
        boolean cli = cliSize != null;
        return new Result(file.toString(), spec, threads, runs, info.video().frames(), readerSize.repeats(),
                readerBest, cli ? cliSize.repeats() : 0, cli ? cliBest : Double.NaN, cli ? wallBest : Double.NaN,
                reference);
    }

    /** {decode-loop seconds, wall seconds} of {@code repeats} passes over the file, or null when ffmpeg failed. */
    private static double[] runCli(Path ffmpeg, Path file, int threads, int repeats) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-benchmark",
                "-threads", Integer.toString(threads), "-stream_loop", Integer.toString(repeats - 1),
                "-i", file.toString(), "-map", "0:v:0", "-f", "null", "-"));
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            return null;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Matcher m = RTIME.matcher(output);
        return m.find() ? new double[] {Double.parseDouble(m.group(1)), wall} : null;
    }

    private static String describe(Path ffmpeg) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-version").redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return "unavailable: " + ffmpeg + " cannot be started (" + e.getMessage() + ")";
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            output = "";
        }
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return "unavailable: " + ffmpeg + " -version failed";
        }
        Matcher m = VERSION.matcher(output);
        return "ffmpeg " + (m.find() ? m.group(1) : "(unknown version)") + " (" + ffmpeg + ")";
    }

    /** The first executable of that name on {@code PATH}. */
    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
