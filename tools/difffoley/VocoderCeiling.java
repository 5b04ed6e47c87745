import io.avlens.analysis.generation.GeneratedSample;
import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.profile.Profiles;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.media.AudioReader;
import io.avlens.media.AudioSignal;
import io.avlens.media.WavWriter;
import io.avlens.media.dsp.GriffinLim;
import io.avlens.media.dsp.LogMelSpectrogram;
import java.nio.file.*;
import java.util.*;

/**
 * The vocoder's ceiling: each clip's real log-mel (avshapes-small profile, first 4 s) inverted by AV Lens's
 * Griffin-Lim (the generator's, 32 iterations by default), written as sample records of model "vocoder", from a plain
 * classpath (tools/difffoley/classpath.sh): {@code java -cp "$CP" tools/difffoley/VocoderCeiling.java DATA OUT [ITER]}.
 * Score them with tools/difffoley/JudgeSamples.java (or {@code avlens eval --task generation --model vocoder
 * --samples OUT}): when the judges accept these as they accept the real audio, what they reject in generated sound
 * comes from the generated log-mel, not from the vocoder.
 */
public class VocoderCeiling {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        Path out = Path.of(a[1]);
        int it = a.length > 2 ? Integer.parseInt(a[2]) : 32;
        Files.createDirectories(out);
        var p = Profiles.AVSHAPES_SMALL;
        var mel = LogMelSpectrogram.of(p);
        List<Path> clips;
        try (var s = Files.list(data.resolve("media"))) {
            clips = s.filter(x -> x.toString().endsWith(".mp4")).sorted().toList();
        }
        int samples = (int) Math.round(p.clipSeconds() * p.sampleRate());
        for (Path mp4 : clips) {
            AudioSignal s = AudioReader.read(mp4, p.sampleRate());
            FloatTensor m = mel.compute(s);
            int frames = 256;
            float[] cut = new float[64 * frames];
            int cols = m.dim(1);
            float[] all = m.toArray();
            for (int b = 0; b < 64; b++) System.arraycopy(all, b * cols, cut, b * frames, Math.min(frames, cols));
            FloatTensor mm = FloatTensor.wrap(new int[] {64, frames}, cut);
            AudioSignal w = new GriffinLim(p.mel(), p.sampleRate()).invert(mm, it, samples);
            String stem = mp4.getFileName().toString().replace(".mp4", "") + "-voc";
            GeneratedSample g = new GeneratedSample(mp4.toAbsolutePath().toString(), "vocoder",
                    new GuidanceSettings(1, 0, 25, "dpm", 21), stem, false, Map.of());
            WavWriter.write(g.wav(out), w, WavWriter.Encoding.PCM_16);
            Npy.write(g.mel(out), mm);
            g.write(out);
        }
        System.out.println("wrote " + clips.size());
    }
}
