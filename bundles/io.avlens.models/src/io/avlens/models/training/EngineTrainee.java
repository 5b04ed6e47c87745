package io.avlens.models.training;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A {@link TrainingLoop.Trainee} computing on the PyTorch engine (started before the run): the loop reads and sets
 * libtorch's process-wide intra-op thread count through it, so every step of a run, resumed or not, sums in the same
 * order.
 */
public abstract class EngineTrainee implements TrainingLoop.Trainee {

    @Override
    public int threads() {
        return JniUtils.getNumThreads();
    }

    @Override
    public void setThreads(int threads) {
        JniUtils.setNumThreads(threads);
    }
}
