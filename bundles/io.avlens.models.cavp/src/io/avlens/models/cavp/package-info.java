/**
 * CAVP-small, AV Lens's own contrastive audio-visual model (Diff-Foley's CAVP, methods.md §1, at the
 * {@code avshapes-small} profile), trained on AV-Shapes with DJL's Block API on the CPU.
 * <p>
 * {@link io.avlens.models.cavp.CavpModel} loads weights (the shipped ones from this bundle) and computes a clip's
 * per-step audio and video features, from which {@link io.avlens.models.cavp.CavpFeatures#volume} makes the
 * similarity volume of {@code io.avlens.analysis}. {@link io.avlens.models.cavp.CavpTrainer} (registered as the
 * family's trainer by {@link io.avlens.models.cavp.CavpFamilyTrainer}, on the shared loop of
 * {@code io.avlens.models.training}) trains or resumes a run
 * with progress, cancel, checkpoints and a loss curve; {@link io.avlens.models.cavp.CavpEvaluation} measures sync
 * accuracy on clips with known lags. {@link io.avlens.models.cavp.CavpSimilarity} runs the similarity task on clips
 * from a plain classpath, without OSGi (e.g. on Spark executors). Models and trainers own native memory and are not
 * thread-safe; everything else here is immutable.
 */
package io.avlens.models.cavp;
