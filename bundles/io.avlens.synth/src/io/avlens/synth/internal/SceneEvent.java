package io.avlens.synth.internal;

import io.avlens.synth.Material;

/**
 * Something that happens in a scene, on the frame grid.
 *
 * @param type       {@code hit}, {@code scratch}, {@code offscreen} (a hit whose source is not in view) or
 *                   {@code silent} (visible motion without sound)
 * @param frame      the frame it starts on: a hit's frame of contact
 * @param endFrame   the frame it ends on (equal to {@code frame} for hits)
 * @param objectId   the object, 0 for an off-screen source
 * @param material   what sounds (or would sound)
 * @param speed      impact speed (hits) or starting speed (scratch, silent), metres per second
 * @param surface    what was hit: {@code floor}, {@code wall}, {@code object}, or null
 * @param frameSpeed for a scratch, the sliding speed at each frame from {@code frame} to {@code endFrame}, m/s;
 *                   otherwise null
 */
public record SceneEvent(String type, int frame, int endFrame, int objectId, Material material, double speed,
        String surface, double[] frameSpeed) {

    /** Whether it makes a sound. */
    public boolean sounds() {
        return !"silent".equals(type);
    }
}
