import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.mc3.Mc3Clip;
import io.avlens.models.mc3.Mc3Embedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * For each clip, its video embedding and the audio embedding of its own sound with the log-mel bands above band 4
 * moved by SHIFT bands (positive: up, as a smaller object's hit; the bottom 4 bands, the mains hum and the bed's
 * bottom, stay; the gap is filled with the nearest kept band), as CSV rows {@code id, shift, audio[D], video[D]}
 * (shift 0 = the clip as recorded), for tools/mc3/shift_check.py: does a model trained with shifted negatives
 * separate a clip's video from its own shifted sound by what the video shows (the object's size), or reject every
 * shifted sound alike (an artefact of the shift)? From a plain classpath (tools/mc3/classpath.sh):
 * {@code java -cp "$CP" tools/mc3/ShiftDump.java DESCRIPTOR.json DATA_DIR OUT.csv SHIFT[,SHIFT...]}.
 */
public class ShiftDump {
    static final int FLOOR = 4;

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[1]);
        List<Path> files = DenseAvData.clips(dir);
        String[] shifts = a[3].split(",");
        try (Mc3Embedder embedder = Mc3Embedder.open(Path.of(a[0]), 1); PrintWriter out = new PrintWriter(a[2])) {
            int bins = embedder.config().melBins();
            for (Path f : files) {
                Mc3Clip clip = Mc3Clip.decode(f, embedder.config());
                DenseClip av = clip.av();
                int cols = av.mel().length / bins;
                for (String s : ("0," + a[3]).split(",")) {
                    int shift = Integer.parseInt(s.trim());
                    float[] mel = new float[av.mel().length];
                    for (int b = 0; b < bins; b++) {
                        int src = b < FLOOR ? b : Math.min(bins - 1, Math.max(FLOOR, b - shift));
                        System.arraycopy(av.mel(), src * cols, mel, b * cols, cols);
                    }
                    Mc3Clip shifted = new Mc3Clip(clip.id(),
                            new DenseClip(av.id(), av.steps(), av.frames(), mel, av.rms()), clip.narration());
                    float[][] e = embedder.embedClip(shifted);
                    StringBuilder row = new StringBuilder(f.getFileName().toString().replace(".mp4", ""));
                    row.append(',').append(shift);
                    for (float x : e[0]) {
                        row.append(',').append(x);
                    }
                    for (float x : e[1]) {
                        row.append(',').append(x);
                    }
                    out.println(row);
                }
            }
        }
    }
}
