package io.avlens.synth.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.avlens.synth.SynthSpec;

/**
 * The JSON sidecar of a clip, in the form the Timeline reads ({@code events} with {@code type}, {@code time},
 * {@code duration}, {@code objectId}, {@code material}, {@code speed}) and with everything else the generator knows.
 * Times are picture time in seconds; the sound of a lagged clip is {@code lagSeconds} later. Stateless.
 */
final class Sidecar {

    private Sidecar() {
    }

    static void write(Path file, Scene scene, List<SpokenWord> words) throws IOException {
        JsonObject json = json(scene, words);
        OutputFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json, writer);
            writer.write('\n');
            writer.flush();
        });
    }

    static JsonObject json(Scene scene, List<SpokenWord> words) {
        SynthSpec spec = scene.spec();
        String name = scene.name();
        JsonObject json = new JsonObject();
        json.addProperty("generator", "av-shapes");
        json.addProperty("clip", name);
        json.addProperty("index", scene.index());
        json.addProperty("seed", Long.toUnsignedString(scene.seed()));
        json.addProperty("video", name + ".mp4");
        json.addProperty("masks", name + ".masks.npy");
        json.addProperty("sounding", name + ".sounding.npy");
        json.addProperty("width", spec.size());
        json.addProperty("height", spec.size());
        json.addProperty("fps", spec.fps());
        json.addProperty("frames", spec.frames());
        json.addProperty("seconds", spec.frames() / spec.fps());
        json.addProperty("sampleRate", SynthSpec.SAMPLE_RATE);
        json.addProperty("floorY", scene.floorY());
        json.addProperty("lagSeconds", scene.lagSeconds());
        json.addProperty("lagSamples", scene.lagSamples());
        json.addProperty("ambientLevel", round(scene.ambientLevel(), 6));
        json.addProperty("humHz", scene.humHz());
        json.addProperty("narration", scene.narration());
        JsonArray objects = new JsonArray();
        for (SceneObject o : scene.objects()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", o.id());
            j.addProperty("shape", o.shape().id());
            j.addProperty("material", o.material().id());
            j.addProperty("colour", o.material().colourName());
            j.addProperty("action", o.action());
            j.addProperty("radius", round(o.radius(), 3));
            objects.add(j);
        }
        json.add("objects", objects);
        JsonArray events = new JsonArray();
        for (SceneEvent e : scene.events()) {
            JsonObject j = new JsonObject();
            j.addProperty("type", e.type());
            j.addProperty("time", e.frame() / spec.fps());
            j.addProperty("duration", (e.endFrame() - e.frame()) / spec.fps());
            j.addProperty("frame", e.frame());
            j.addProperty("objectId", e.objectId());
            j.addProperty("material", e.material().id());
            j.addProperty("speed", round(e.speed(), 3));
            if (e.surface() != null) {
                j.addProperty("surface", e.surface());
            }
            if (e.sounds()) {
                j.addProperty("soundSeconds", "scratch".equals(e.type()) ? (e.endFrame() - e.frame()) / spec.fps()
                        : e.material().longestDecay());
                if (!"scratch".equals(e.type())) {
                    j.addProperty("amplitude", round(SoundSynth.impactAmplitude(e.speed()), 4));
                }
            }
            events.add(j);
        }
        json.add("events", events);
        JsonArray said = new JsonArray();
        for (SpokenWord w : words) {
            JsonObject j = new JsonObject();
            j.addProperty("word", w.word());
            j.addProperty("objectId", w.objectId());
            j.addProperty("time", w.startSample() / (double) SynthSpec.SAMPLE_RATE);
            j.addProperty("duration", w.samples() / (double) SynthSpec.SAMPLE_RATE);
            said.add(j);
        }
        json.add("words", said);
        return json;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
