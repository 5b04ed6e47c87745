package io.avlens.synth.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One sentence per clip from templates: "a metal ball hits the floor twice, and a wooden block slides across the
 * floor". Each object says what it does; an off-screen sound adds "something out of view clatters".
 */
final class Narrator {

    private static final String[] TIMES = {"never", "once", "twice", "three times"};

    private Narrator() {
    }

    static String narrate(List<SceneObject> objects, List<SceneEvent> events) {
        List<String> parts = new ArrayList<>();
        for (SceneObject o : objects) {
            String subject = "a " + o.material().adjective() + " " + o.shape().noun();
            parts.add(subject + " " + switch (o.action()) {
                case "hit" -> hits(o, events);
                case "scratch" -> "slides across the floor with a scraping sound";
                default -> "drifts silently through the air";
            });
        }
        long offscreen = events.stream().filter(e -> "offscreen".equals(e.type())).count();
        if (offscreen > 0) {
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

    private static String hits(SceneObject o, List<SceneEvent> events) {
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
        return what.isEmpty() ? "falls without a sound" : String.join(" and ", what);
    }

    private static long count(SceneObject o, List<SceneEvent> events, String surface) {
        return events.stream().filter(e -> e.objectId() == o.id() && "hit".equals(e.type())
                && surface.equals(e.surface())).count();
    }

    private static String times(long n) {
        return n < TIMES.length ? TIMES[(int) n] : n + " times";
    }
}
