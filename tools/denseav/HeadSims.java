import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.avlens.models.denseav.ClipSource;
import io.avlens.models.denseav.DenseAvConfig;
import io.avlens.inference.descriptor.ModelDescriptors;
import io.avlens.models.denseav.DenseAvData;
import io.avlens.models.denseav.DenseAvDescriptor;
import io.avlens.models.denseav.DenseAvModel;
import io.avlens.models.denseav.DenseClip;
import io.avlens.models.denseav.TrainSplit;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Each head's clip score on its own ({@code S_k}: max over space, mean over frequency, mean over the whole clip's
 * steps) for positive pairs (a frame with its own clip's sound) and negatives (with another clip's sound), by the
 * source of the sound ({@link ClipSource}): whether the disentanglement term silenced a head only on positives or
 * on every pair. {@code java -cp "$CP" tools/denseav/HeadSims.java DATA SPLIT MODEL.params [BATCHES]} (the network
 * the {@code denseav-small.json} beside it describes, the 3×3 encoder on RGB without one; scored with the whole-clip
 * window, 2 s, on 4 s clips); batches of 16 clips, frames drawn with seed 1.
 */
public class HeadSims {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        DenseAvConfig small = DenseAvConfig.small();
        // the network the descriptor beside the weights describes (image channels, sizes, image encoder), with the
        // whole clip's sound as the window; without a descriptor, the 3x3 encoder of the weights shipped before
        Path descriptor = Path.of(a[2]).resolveSibling("denseav-small.json");
        DenseAvConfig c = new DenseAvConfig(small.profile(), small.heads(), small.headChannels(), small.width(), 2.0);
        if (Files.isRegularFile(descriptor)) {
            var d = ModelDescriptors.read(descriptor);
            c = DenseAvDescriptor.sizes(c, d.inputs(), d.outputs(), d.notes());
        }
        int channels = c.imageChannels();
        List<Path> files = TrainSplit.select(data, DenseAvData.clips(data), a[1]);
        List<DenseClip> clips = new DenseAvData(c).load(data, files, () -> false);
        List<ClipSource> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(ClipSource.read(f));
        }
        int batches = a.length > 3 ? Integer.parseInt(a[3]) : 20;
        int b = 16;
        int k = c.heads();
        double[][] sum = new double[2 * k * 2][2]; // [source·K·2 + head·2 + neg][sum, n]
        Random r = new Random(1);
        try (DenseAvModel model = DenseAvModel.initialised(c); InputStream in = Files.newInputStream(Path.of(a[2]))) {
            model.readParameters(in, a[2]);
            for (int n = 0; n < batches; n++) {
                int h = c.frameHeight();
                int w = c.frameWidth();
                int steps = clips.get(0).steps();
                float[] frames = new float[b * h * w * channels];
                float[] mel = new float[b * c.melBins() * steps * DenseAvConfig.AUDIO_STRIDE];
                int[] idx = new int[b];
                for (int i = 0; i < b; i++) {
                    idx[i] = r.nextInt(clips.size());
                    DenseClip clip = clips.get(idx[i]);
                    int t = r.nextInt(clip.steps());
                    System.arraycopy(clip.frames(t, 1, channels), 0, frames, i * h * w * channels,
                            h * w * channels);
                    System.arraycopy(clip.mel(), 0, mel, i * mel.length / b, mel.length / b);
                }
                try (NDManager m = model.manager().newSubManager()) {
                    NDList out = model.block().forward(model.store(), new NDList(m.create(frames, new Shape(b, h, w,
                            channels)), m.create(mel, new Shape(b, c.melBins(), (long) steps * DenseAvConfig.AUDIO_STRIDE))),
                            false);
                    NDArray image = out.get(0); // [B, K, C, h, w]
                    NDArray audio = out.get(1); // [B, K, C, F, T]
                    Shape v = image.getShape();
                    Shape s = audio.getShape();
                    for (int head = 0; head < k; head++) {
                        NDArray iv = image.get(":, " + head).reshape(b, v.get(2), v.get(3) * v.get(4));
                        NDArray au = audio.get(":, " + head).reshape(b, s.get(2), s.get(3) * s.get(4));
                        // [Ba, Bv, F·T, hw]: audio a's every (f, t) against image v's every pixel
                        NDArray sims = au.transpose(0, 2, 1).reshape(b * s.get(3) * s.get(4), s.get(2))
                                .matMul(iv.transpose(1, 0, 2).reshape(v.get(2), b * v.get(3) * v.get(4)))
                                .reshape(b, s.get(3) * s.get(4), b, v.get(3) * v.get(4));
                        float[] score = sims.max(new int[] {3}).mean(new int[] {1}).toFloatArray(); // [Ba, Bv]
                        for (int ai = 0; ai < b; ai++) {
                            ClipSource src = sources.get(idx[ai]);
                            if (src == ClipSource.NONE) {
                                continue;
                            }
                            for (int vi = 0; vi < b; vi++) {
                                int neg = idx[ai] == idx[vi] ? 0 : 1;
                                double[] cell = sum[(src.index() * k + head) * 2 + neg];
                                cell[0] += score[ai * b + vi];
                                cell[1]++;
                            }
                        }
                    }
                }
            }
        }
        for (int src = 0; src < 2; src++) {
            for (int head = 0; head < k; head++) {
                double[] pos = sum[(src * k + head) * 2];
                double[] neg = sum[(src * k + head) * 2 + 1];
                System.out.println(String.format(Locale.ROOT, "%s sound, head %d: positive %.4f (n %d), negative "
                        + "%.4f (n %d)", src == 0 ? "SOUND" : "SPEECH", head, pos[0] / pos[1], (long) pos[1],
                        neg[0] / neg[1], (long) neg[1]));
            }
        }
    }
}
