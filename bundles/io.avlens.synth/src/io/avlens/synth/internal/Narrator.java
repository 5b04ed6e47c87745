package io.avlens.synth.internal;

import java.util.ArrayList;
import java.util.List;

import io.avlens.synth.NarrationScope;

/**
 * One sentence per clip from templates: "a metal ball hits the floor twice, and a wooden block slides across the
 * floor". Each object says what it does; an off-screen sound adds "something out of view clatters". The
 * {@link NarrationScope#SEEN} sentence says only what is seen: the same hits and bounces, no word about sound or silence,
 * nothing about what is out of view.
 */
final class Narrator {

    private static final String[] TIMES = {"never", "once", "twice", "three times"};

    private Narrator() {
    }

    /** The full sentence: what is seen and what is heard. */
    static String narrate(List<SceneObject> objects, List<SceneEvent> events) {
        return narrate(objects, events, NarrationScope.FULL);
    }

    /** The sentence that {@code narration} tells. */
    static String narrate(List<SceneObject> objects, List<SceneEvent> events, NarrationScope narration) {
        boolean seen = narration == NarrationScope.SEEN;
        List<String> parts = new ArrayList<>();
        for (SceneObject o : objects) {
            String subject = "a " + o.material().adjective() + " " + o.shape().noun();
            parts.add(subject + " " + switch (o.action()) {
                case "hit" -> hits(o, events, seen);
                case "scratch" -> seen ? "slides across the floor" : "slides across the floor with a scraping sound";
                default -> seen ? "drifts through the air" : "drifts silently through the air";
            });
        }
        long offscreen = events.stream().filter(e -> "offscreen".equals(e.type())).count();
        if (offscreen > 0 && !seen) {
            parts.add("something out of view clatters" + (offscreen > 1 ? " " + times(offscreen) : ""));
        }
        String sentence = String.join(", and ", parts);
        return sentence.isEmpty() ? "" : sentence;
    }

    /** The sentence of a clip whose sounds are muted (separate speech): what is seen, and that only words are heard. */
    static String narrateMuted(List<SceneObject> objects) {
        List<String> subjects = objects.stream().map(o -> "a " + o.material().adjective() + " " + o.shape().noun())
                .toList();
        if (subjects.isEmpty()) {
            return "";
        }
        boolean one = subjects.size() == 1;
        return String.join(", and ", subjects) + (one ? " moves" : " move") + " without a sound while a voice names "
                + (one ? "its colour" : "their colours");
    }

    private static String hits(SceneObject o, List<SceneEvent> events, boolean seen) {
        long floor = count(o, events, "floor");
        long wall = count(o, events, "wall");
        long other = count(o, events, "object");
        List<String> what = new ArrayList<>();
        if (floor > 0) {
            what.add("hits the floor " + times(floor));
        }
        if (wall > 0) {
            what.add("bounces off the wall " + times(wall));
        }
        if (other > 0) {
            what.add("knocks into another object " + times(other));
        }
        return what.isEmpty() ? (seen ? "falls" : "falls without a sound") : String.join(" and ", what);
    }

    private static long count(SceneObject o, List<SceneEvent> events, String surface) {
        return events.stream().filter(e -> e.objectId() == o.id() && "hit".equals(e.type())
                && surface.equals(e.surface())).count();
    }

    private static String times(long n) {
        return n < TIMES.length ? TIMES[(int) n] : n + " times";
    }
}
