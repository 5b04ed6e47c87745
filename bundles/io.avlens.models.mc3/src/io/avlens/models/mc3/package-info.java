/**
 * MC3-small ({@code methods.md} §3): AV Lens's own tri-modal contrastive-consensus model in the line of
 * SoundingActions (MC3), whose authors released no code, so the loss formulation here is ours. An audio, a video and a
 * text encoder map a clip's sound, its frames and its narration (or any typed text, through hashed character n-grams)
 * into one space; its training (a {@code FamilyTrainer} of family {@code mc3}), its shipped weights, the {@code embed}
 * clip task and a plain-Java embedding API ({@link io.avlens.models.mc3.Mc3Embedder}).
 */
package io.avlens.models.mc3;
