package io.avlens.models.difffoley;

import io.avlens.models.training.Adam;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Experiment: the shipped denoiser trained STEPS more steps at a constant small rate, a share SHARE of each batch's
 * crops drawn from the clips with a hit on a wall or another object (the crop holding that hit), the rest as the
 * trainer draws them. SHARE 0 is the control (the same extra training without the emphasis).
 * java ... FineTune DATA DENOISER_IN OUT_PARAMS STEPS SHARE LR SEED
 */
public final class FineTune {
    public static void main(String[] a) throws Exception {
        System.setProperty("df.data", a[0]);
        DiffFoleyConfig c = DiffFoleyConfig.small();
        List<TrainingClip> clips = DiffFoleyData.load(Path.of(a[0]), c, () -> false);
        int steps = Integer.parseInt(a[3]);
        double share = Double.parseDouble(a[4]);
        float lr = Float.parseFloat(a[5]);
        Random random = new Random(Long.parseLong(a[6]));
        List<int[]> side = new ArrayList<>(); // clip index, step of the hit
        for (int i = 0; i < clips.size(); i++) {
            for (int s : Retime.sideHits(clips.get(i).id(), c.melFrames())) {
                side.add(new int[] {i, s / c.melPerStep()});
            }
        }
        System.err.println(clips.size() + " clips, " + side.size() + " side hits");
        try (DiffFoleyPart<DenoiserBlock> model = DiffFoleyPart.denoiser(c)) {
            try (InputStream in = Files.newInputStream(Path.of(a[1]))) {
                model.readParameters(in, a[1]);
            }
            model.requireGradients();
            Adam adam = new Adam(model.block().getParameters(), model.manager());
            int batch = 16, crop = 16;
            double sum = 0;
            for (int step = 1; step <= steps; step++) {
                List<TrainingClip> pick = new ArrayList<>(batch);
                List<Integer> starts = new ArrayList<>(batch);
                for (int b = 0; b < batch; b++) {
                    if (random.nextDouble() < share) {
                        int[] h = side.get(random.nextInt(side.size()));
                        int lo = Math.max(0, h[1] - crop + 1), hi = Math.min(c.steps() - crop, h[1]);
                        pick.add(clips.get(h[0]));
                        starts.add(lo + random.nextInt(hi - lo + 1));
                    } else {
                        pick.add(clips.get(random.nextInt(clips.size())));
                        starts.add(random.nextInt(c.steps() - crop + 1));
                    }
                }
                sum += DenoiserTraining.step(model, adam, batch, crop, 0.2, lr, random, new DenoiserTraining.Crops() {
                    @Override
                    public TrainingClip clip(int b) {
                        return pick.get(b);
                    }

                    @Override
                    public int start(int b) {
                        return starts.get(b);
                    }
                });
                if (step % 100 == 0) {
                    System.err.printf("step %d loss %.4f%n", step, sum / 100);
                    sum = 0;
                }
            }
            try (OutputStream out = Files.newOutputStream(Path.of(a[2]))) {
                model.save(out);
            }
        }
    }
}
