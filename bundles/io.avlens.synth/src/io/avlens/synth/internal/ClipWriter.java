package io.avlens.synth.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.synth.NarrationScope;
import io.avlens.synth.SynthSpec;

/**
 * Makes one clip's files in a folder: {@code NAME.mp4}, {@code NAME.json} (sidecar), {@code NAME.masks.npy}
 * (instance masks, uint8 [T, H, W], object id per pixel) and {@code NAME.sounding.npy} (the same, kept only where
 * the object makes a sound on that frame). Each file appears whole or not at all. Stateless; any thread.
 */
public final class ClipWriter {

    private static final long WORD_STREAM = 6;
    private static final long SOUND_STREAM = 7;

    private ClipWriter() {
    }

    /**
     * What one clip holds, for the project.
     *
     * @param scene the plan
     * @param words the spoken words (empty without speech)
     * @param video the MP4
     * @param masks the instance masks
     * @param sidecar the JSON sidecar
     */
    public record Written(Scene scene, List<SpokenWord> words, Path video, Path masks, Path sidecar) {
    }

    /** The endings of the files {@link #write} makes for a clip, after its {@link Scene#name()}. */
    public static final List<String> SUFFIXES = List.of(".mp4", ".masks.npy", ".sounding.npy", ".json");

    /** Plans, renders, synthesises and writes clip {@code index} of {@code spec} into {@code folder}. */
    public static Written write(SynthSpec spec, int index, Path folder) throws IOException {
        Scene scene = ScenePlanner.plan(spec, index);
        if (!spec.sounds(index)) {
            scene = muted(scene);
        }
        int frames = spec.frames();
        int size = spec.size();
        int area = size * size;
        FrameRenderer renderer = new FrameRenderer(scene);
        byte[] masks = new byte[frames * area];
        for (int k = 0; k < frames; k++) {
            renderer.mask(k, masks, k * area);
        }
        List<SpokenWord> words = spec.speaks(index)
                ? WordPlanner.plan(scene, masks, Seeds.stream(scene.seed(), WORD_STREAM)) : List.of();
        byte[] sounding = Sounding.masks(scene, masks);
        float[] audio = soundtrack(scene, words);

        String name = scene.name();
        Path video = folder.resolve(name + ".mp4");
        Path temp = OutputFiles.temp(video);
        try {
            try (ClipEncoder encoder = new ClipEncoder(temp, spec)) {
                byte[] bgr = new byte[area * 3];
                for (int k = 0; k < frames; k++) {
                    renderer.bgr(k, masks, k * area, bgr);
                    encoder.frame(bgr);
                }
                encoder.finish(audio);
            }
            OutputFiles.move(temp, video);
        } finally {
            Files.deleteIfExists(temp);
        }
        int[] shape = {frames, size, size};
        Path maskFile = folder.resolve(name + ".masks.npy");
        OutputFiles.write(maskFile, out -> Npy.write(out, NpyArray.ofUnsignedBytes(shape, masks)));
        OutputFiles.write(folder.resolve(name + ".sounding.npy"),
                out -> Npy.write(out, NpyArray.ofUnsignedBytes(shape, sounding)));
        Path sidecar = folder.resolve(name + ".json");
        Sidecar.write(sidecar, scene, words);
        return new Written(scene, words, video, maskFile, sidecar);
    }

    /**
     * {@code scene} with its sounds muted, for a speaking clip of separate speech: each hit and scratch becomes
     * silent motion of the same object and frames, off-screen hits go, and the narration says that only words are heard
     * (the {@link NarrationScope#SEEN} narration stays: the picture is the same).
     */
    static Scene muted(Scene scene) {
        List<SceneEvent> events = new ArrayList<>();
        for (SceneEvent e : scene.events()) {
            if ("offscreen".equals(e.type())) {
                continue;
            }
            events.add(e.sounds() ? new SceneEvent("silent", e.frame(), e.endFrame(), e.objectId(), e.material(),
                    e.speed(), e.surface(), null) : e);
        }
        return new Scene(scene.spec(), scene.index(), scene.seed(), scene.floorY(), scene.objects(),
                List.copyOf(events), scene.ambientLevel(), scene.humHz(), scene.humShare(), scene.lagSamples(),
                scene.spec().narration() == NarrationScope.SEEN ? scene.narration()
                        : Narrator.narrateMuted(scene.objects()));
    }

    /** The clip's audio: ambient bed, every sounding event and the words, shifted by the lag. */
    static float[] soundtrack(Scene scene, List<SpokenWord> words) {
        SynthSpec spec = scene.spec();
        float[] out = new float[spec.samples()];
        int lag = scene.lagSamples();
        long seed = Seeds.stream(scene.seed(), SOUND_STREAM);
        SoundSynth.ambient(out, lag, scene.ambientLevel(), scene.humHz(), scene.humShare(), seed);
        int e = 0;
        for (SceneEvent event : scene.events()) {
            e++;
            long eventSeed = Seeds.stream(seed, 100 + e);
            int start = spec.sampleOfFrame(event.frame());
            switch (event.type()) {
                case "hit" -> {
                    SceneObject o = scene.objects().get(event.objectId() - 1);
                    SoundSynth.impact(out, start, lag, event.material(),
                            SoundSynth.frequency(event.material(), o.radius(), spec.size()), event.speed(), eventSeed);
                }
                case "offscreen" -> SoundSynth.impact(out, start, lag, event.material(),
                        SoundSynth.frequency(event.material(), 0.1 * spec.size(), spec.size()), event.speed(),
                        eventSeed);
                case "scratch" -> SoundSynth.scratch(out, start, spec.sampleOfFrame(event.endFrame()), lag,
                        event.material(), event.frameSpeed(), spec.fps(), eventSeed);
                default -> {
                    // silent motion: nothing to hear
                }
            }
        }
        for (SpokenWord w : words) {
            float[] said = FormantSpeech.say(w.word());
            for (int n = 0; n < said.length; n++) {
                int at = w.startSample() + lag + n;
                if (at >= 0 && at < out.length) {
                    out[at] += said[n];
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-1f, Math.min(1f, out[i]));
        }
        return out;
    }
}
