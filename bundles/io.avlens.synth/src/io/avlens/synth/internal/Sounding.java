package io.avlens.synth.internal;

/**
 * The per-frame "sounding" masks: an object's pixels are kept on a frame when it makes a sound there. A hit sounds
 * from its frame of contact for as long as it stays within 40 dB of its start (at least that one frame); a scratch
 * sounds from the frame it starts sliding up to the frame before it stops. Off-screen sources have no pixels and
 * silent motions no sound. Frames are picture time: in a lagged clip the sound itself comes {@code lag} later.
 */
final class Sounding {

    private Sounding() {
    }

    static boolean[][] frames(Scene scene) {
        int frames = scene.spec().frames();
        boolean[][] on = new boolean[scene.objects().size() + 1][frames];
        for (SceneEvent e : scene.events()) {
            if (e.objectId() == 0 || !e.sounds()) {
                continue;
            }
            int last = "hit".equals(e.type())
                    ? e.frame() + Math.max(0,
                            (int) Math.ceil(SoundSynth.audibleSeconds(e.material()) * scene.spec().fps()) - 1)
                    : e.endFrame() - 1;
            for (int k = e.frame(); k <= Math.min(frames - 1, Math.max(e.frame(), last)); k++) {
                on[e.objectId()][k] = true;
            }
        }
        return on;
    }

    static byte[] masks(Scene scene, byte[] masks) {
        boolean[][] on = frames(scene);
        int area = scene.spec().size() * scene.spec().size();
        byte[] out = new byte[masks.length];
        for (int i = 0; i < masks.length; i++) {
            int id = masks[i] & 0xff;
            if (id != 0 && on[id][i / area]) {
                out[i] = masks[i];
            }
        }
        return out;
    }
}
