package io.avlens.models.difffoley;

import io.avlens.analysis.generation.GuidanceSettings;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.inference.InferenceException;
import io.avlens.inference.LoadedModel;
import io.avlens.inference.program.EngineProgram;
import io.avlens.inference.program.Handle;
import io.avlens.inference.program.ProgramContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The sampler as an in-engine program: one batch of cells (samples with the same sampler and step count, each with
 * its own ω, γ and seed) from their initial noise {@code randn(noiseSeed(clip), [1, bins, L])}
 * ({@link GuidanceSettings#noiseSeed}) to the final sample (all with the clip's video features and appearance), per step
 * one denoiser forward of {@code 2N} (conditional and unconditional together, inside the denoiser part) and, when
 * any {@code γ > 0}, the gradient of the classifier's {@code Σ log P(aligned | x_t, t, E_v)} with respect to
 * {@code x_t}: {@code ε̃ = ε(∅) + ω (ε(c) − ε(∅)) − γ σ_t ∇ log P}, then the {@link SamplerPlan}'s update.
 * Each step's x̂₀ is clamped to the data range [−1, 1] (DDPM's {@code clip_denoised}): unclamped, a guided x̂₀
 * overshoots and the sample saturates into loud broadband noise. Returns {@code [N, bins, L]}. Each step's tensors are released
 * when the next exists; {@code afterStep} is called between steps (progress, cancel by throwing).
 */
final class GuidedSampler implements EngineProgram<FloatTensor> {

    private final LoadedModel denoiser;
    private final LoadedModel classifier;
    private final FloatTensor video;
    private final FloatTensor appearance;
    private final List<GuidanceSettings> cells;
    private final String clip;
    private final SamplerPlan plan;
    private final int[] sampleShape;
    private final IntConsumer afterStep;

    /**
     * @param video     {@code [1, S, C]} the clip's video features
     * @param appearance {@code [1, S, 6, s, s]} the clip's {@link Appearance}
     * @param cells     the batch (same sampler and steps)
     * @param clip      the clip's name, which with each cell's seed gives its initial noise
     * @param sampleShape {@code [bins, L]}
     */
    GuidedSampler(LoadedModel denoiser, LoadedModel classifier, FloatTensor video, FloatTensor appearance,
            List<GuidanceSettings> cells, String clip, int[] sampleShape, IntConsumer afterStep) {
        this.denoiser = denoiser;
        this.classifier = classifier;
        this.video = video;
        this.appearance = appearance;
        this.cells = List.copyOf(cells);
        this.clip = clip;
        GuidanceSettings first = cells.get(0);
        this.plan = SamplerPlan.of(first.sampler(), first.steps(), NoiseSchedule.diffFoley());
        this.sampleShape = sampleShape.clone();
        this.afterStep = afterStep;
    }

    @Override
    public FloatTensor run(ProgramContext ctx) throws InferenceException {
        int n = cells.size();
        float[] omega = new float[n];
        float[] gamma = new float[n];
        boolean guided = false;
        List<Handle> noise = new ArrayList<>();
        Handle one = ctx.fromTensor(video);
        Handle oneLook = ctx.fromTensor(appearance);
        List<Handle> copies = new ArrayList<>();
        List<Handle> looks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GuidanceSettings s = cells.get(i);
            omega[i] = (float) s.omega();
            gamma[i] = (float) s.gamma();
            guided |= s.gamma() > 0;
            noise.add(ctx.randn(s.noiseSeed(clip), 1, sampleShape[0], sampleShape[1]));
            copies.add(one);
            looks.add(oneLook);
        }
        Handle cond = ctx.concat(copies, 0);
        Handle look = ctx.concat(looks, 0);
        Handle omegas = ctx.fromTensor(FloatTensor.wrap(new int[] {n}, omega));
        Handle gammas = ctx.fromTensor(FloatTensor.wrap(new int[] {n, 1, 1}, gamma));
        Handle x = ctx.concat(noise, 0);
        Handle previous = null;
        boolean withClassifier = guided && classifier != null;
        for (int i = 0; i < plan.size(); i++) {
            SamplerPlan.Step s = plan.step(i);
            Handle xi = x;
            Handle x0 = ctx.step(() -> {
                float[] tv = new float[n];
                java.util.Arrays.fill(tv, (float) s.modelStep());
                Handle t = ctx.fromTensor(FloatTensor.wrap(new int[] {n}, tv));
                Handle eps = ctx.forward(denoiser, Map.of("x", xi, "t", t, "cond", cond, "omega", omegas,
                        "appearance", look))
                        .values().iterator().next();
                if (withClassifier) {
                    Handle grad = ctx.gradient(xh -> ctx.sum(ctx.forward(classifier,
                            Map.of("x", xh, "t", t, "cond", cond)).get("logProb")), xi);
                    eps = ctx.sub(eps, ctx.mul(ctx.mul(grad, gammas), s.sigma()));
                }
                return ctx.clip(ctx.mul(ctx.sub(xi, ctx.mul(eps, s.sigma())), 1 / s.alpha()), -1, 1);
            });
            Handle p = previous;
            Handle next = ctx.step(() -> {
                Handle h = ctx.add(ctx.mul(xi, s.a()), ctx.mul(x0, s.b()));
                return s.c() == 0 || p == null ? h : ctx.add(h, ctx.mul(p, s.c()));
            });
            ctx.release(xi);
            if (previous != null) {
                ctx.release(previous);
            }
            previous = x0;
            x = next;
            afterStep.accept(i + 1);
        }
        return ctx.toFloatTensor(x);
    }
}
