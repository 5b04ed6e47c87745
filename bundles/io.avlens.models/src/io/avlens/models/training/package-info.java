/**
 * One training path for every model family: the {@link io.avlens.models.training.FamilyTrainer} service a family
 * registers, and the parts they share (Adam, the learning-rate schedule, checkpoints, the loss CSV, progress and
 * cancel).
 */
package io.avlens.models.training;
