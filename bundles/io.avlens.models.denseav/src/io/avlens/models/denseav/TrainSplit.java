package io.avlens.models.denseav;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clips of one split of an {@code avlens synth} folder, read from its {@code project.avlens} (the split each
 * clip references, e.g. {@code train}), so a training never sees the validation and test clips. Reads the XMI as
 * text (the two attributes it needs), not through EMF, to keep this bundle free of the project model. Stateless.
 */
public final class TrainSplit {

    private static final Pattern DATASET = Pattern.compile("<datasets[\\s>]");
    private static final Pattern CLIP = Pattern.compile("<clips\\s[^>]*?mediaLocation=\"([^\"]+)\"[^>]*?"
            + "split=\"#//@datasets\\.\\d+/@splits\\.(\\d+)\"", Pattern.DOTALL);
    private static final Pattern SPLIT = Pattern.compile("<splits\\s[^>]*?name=\"([^\"]+)\"");

    private static final Pattern DESCRIPTION = Pattern.compile("<avlens:Project\\s[^>]*?description=\"([^\"]*)\"",
            Pattern.DOTALL);

    private TrainSplit() {
    }

    /** The project's description (for AV-Shapes: clips, size, rate, seed, lags, speech), or null. */
    public static String description(Path dataDir) throws IOException {
        Path project = dataDir.resolve("project.avlens");
        if (!Files.isRegularFile(project)) {
            return null;
        }
        Matcher m = DESCRIPTION.matcher(Files.readString(project));
        return m.find() ? m.group(1) : null;
    }

    /**
     * Checks that {@code dir} is a dataset folder whose {@code split} holds at least {@code batch} clips, the check a
     * family's trainer makes before it starts.
     *
     * @throws IllegalArgumentException saying what is wrong and what to do, in the user's words
     */
    public static void requireBatch(Path dir, String split, int batch) {
        List<Path> clips;
        try {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + (Files.exists(dir) ? " is a file, not a dataset folder."
                        : ": no such folder."));
            }
            clips = select(dir, DenseAvData.clips(dir), split);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (clips.size() < batch) {
            throw new IllegalArgumentException(dir + " has " + clips.size() + " training clips; a batch of " + batch
                    + " needs at least " + batch + ": lower the batch size or use a larger dataset.");
        }
    }

    /**
     * The media files of {@code files} that belong to {@code split} in {@code dataDir/project.avlens}; all of them
     * when there is no project file.
     *
     * @throws IOException naming the project file when it has no split of that name or no clip in it
     */
    public static List<Path> select(Path dataDir, List<Path> files, String split) throws IOException {
        Path project = dataDir.resolve("project.avlens");
        if (!Files.isRegularFile(project)) {
            return files;
        }
        String xml = Files.readString(project);
        Set<String> wanted = new TreeSet<>();
        boolean known = false;
        Matcher d = DATASET.matcher(xml);
        List<Integer> starts = new ArrayList<>();
        while (d.find()) {
            starts.add(d.start());
        }
        starts.add(xml.length());
        for (int i = 0; i + 1 < starts.size(); i++) {
            String chunk = xml.substring(starts.get(i), starts.get(i + 1));
            List<String> names = new ArrayList<>();
            Matcher s = SPLIT.matcher(chunk);
            while (s.find()) {
                names.add(s.group(1));
            }
            int index = names.indexOf(split);
            known |= index >= 0;
            Matcher c = CLIP.matcher(chunk);
            while (c.find()) {
                if (Integer.parseInt(c.group(2)) == index) {
                    wanted.add(dataDir.resolve(c.group(1)).normalize().toString());
                }
            }
        }
        if (!known) {
            throw new IOException(project + ": has no split named '" + split + "'");
        }
        List<Path> kept = files.stream().filter(f -> wanted.contains(f.normalize().toString())).toList();
        if (kept.isEmpty()) {
            throw new IOException(project + ": no clip of media/ is in the '" + split + "' split");
        }
        return kept;
    }
}
