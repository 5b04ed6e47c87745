package io.avlens.synth.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import io.avlens.synth.Material;
import io.avlens.synth.ShapeKind;
import io.avlens.synth.SynthSpec;

/**
 * Plans one clip: draws 1–3 objects (the spec's range) with a shape, material and action, moves them at the frame rate and records
 * every event on the frame grid. Physics is integrated once per frame (semi-implicit Euler, gravity 9.81 m/s² on a
 * frame two metres wide) and a contact is resolved on the frame that reaches it: the object is drawn touching the
 * floor, wall or other object on that frame, and its sound starts on that frame's first sample. So "the sound
 * starts on the frame of contact" holds exactly, at the price of bounces that are coarse at low frame rates.
 * <p>
 * Stateless; the scene depends only on the spec and the clip index (the lag has a random stream of its own, so a
 * scene is the same whatever the lag range).
 */
public final class ScenePlanner {

    private static final double GRAVITY = 9.81;
    /** Impacts slower than this make no sound and end bouncing, m/s. */
    private static final double MIN_HIT_SPEED = 0.6;
    /** Of the objects that make a sound, the share that fall and bounce (the rest slide): 0.55 / 0.8. */
    private static final double HIT_SHARE_OF_SOUNDING = 0.6875;
    private static final long SCENE_STREAM = 1;
    private static final long LAG_STREAM = 2;
    private static final long AMBIENT_STREAM = 3;

    private ScenePlanner() {
    }

    /** The scene of clip {@code index}. */
    public static Scene plan(SynthSpec spec, int index) {
        long seed = Seeds.clipSeed(spec.seed(), index);
        SplittableRandom random = new SplittableRandom(Seeds.stream(seed, SCENE_STREAM));
        int size = spec.size();
        int frames = spec.frames();
        int floorY = (int) Math.round(0.86 * size);
        double ppm = size / 2.0;
        int count = spec.minObjects() + random.nextInt(spec.maxObjects() - spec.minObjects() + 1);
        List<SceneObject> objects = new ArrayList<>();
        List<SceneEvent> events = new ArrayList<>();
        List<Body> bodies = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            ShapeKind shape = ShapeKind.values()[random.nextInt(ShapeKind.values().length)];
            Material material = Material.values()[random.nextInt(Material.values().length)];
            double u = random.nextDouble();
            // 0.6875 · (1 − 0.2) and 1 − 0.2 are exactly 0.55 and 0.8 in doubles: the default keeps its output
            String action = u < HIT_SHARE_OF_SOUNDING * (1 - spec.silentShare()) ? "hit"
                    : u < 1 - spec.silentShare() ? "scratch" : "silent";
            double radius = size * (0.07 + 0.05 * random.nextDouble());
            SceneObject o = new SceneObject(id, shape, material, action, radius, new double[frames],
                    new double[frames]);
            objects.add(o);
            switch (action) {
                case "hit" -> bodies.add(Body.drop(o, random, size, floorY, ppm));
                case "scratch" -> slide(o, random, spec, floorY, ppm, events);
                default -> glide(o, random, spec, floorY, ppm, events);
            }
        }
        simulate(bodies, spec, floorY, ppm, events);
        offscreen(random, spec, events);
        events.sort(Comparator.comparingInt(SceneEvent::frame).thenComparingInt(SceneEvent::objectId));
        SplittableRandom ambient = new SplittableRandom(Seeds.stream(seed, AMBIENT_STREAM));
        double level = Math.exp(Math.log(0.002) + (Math.log(0.015) - Math.log(0.002)) * ambient.nextDouble());
        double hum = ambient.nextBoolean() ? 50 : 60;
        double humShare = 0.15 + 0.5 * ambient.nextDouble();
        SplittableRandom lagRandom = new SplittableRandom(Seeds.stream(seed, LAG_STREAM));
        double lag = spec.lagRange() * (2 * lagRandom.nextDouble() - 1);
        int lagSamples = (int) Math.round(lag * SynthSpec.SAMPLE_RATE);
        String narration = Narrator.narrate(objects, events, spec.narration());
        return new Scene(spec, index, seed, floorY, List.copyOf(objects), List.copyOf(events), level, hum, humShare,
                lagSamples, narration);
    }

    /** A falling, bouncing object: state in pixels and pixels per second. */
    private static final class Body {
        final SceneObject o;
        double x;
        double y;
        double vx;
        double vy;
        boolean resting;

        Body(SceneObject o, double x, double y, double vx, double vy) {
            this.o = o;
            this.x = x;
            this.y = y;
            this.vx = vx;
            this.vy = vy;
        }

        static Body drop(SceneObject o, SplittableRandom r, int size, int floorY, double ppm) {
            double x = o.halfWidth() + r.nextDouble() * (size - 2 * o.halfWidth());
            double y = o.top() + 0.04 * size + r.nextDouble() * (0.45 * floorY - o.top());
            return new Body(o, x, y, (r.nextDouble() * 3 - 1.5) * ppm, (r.nextDouble() * 2.5 - 2) * ppm);
        }
    }

    private static void simulate(List<Body> bodies, SynthSpec spec, int floorY, double ppm, List<SceneEvent> events) {
        double dt = 1 / spec.fps();
        int size = spec.size();
        for (int k = 0; k < spec.frames(); k++) {
            if (k > 0) {
                for (Body b : bodies) {
                    if (!b.resting) {
                        b.vy += GRAVITY * ppm * dt;
                        b.x += b.vx * dt;
                        b.y += b.vy * dt;
                        contacts(b, k, size, floorY, ppm, events);
                    }
                }
                collisions(bodies, k, ppm, events);
            }
            for (Body b : bodies) {
                b.o.x()[k] = b.x;
                b.o.y()[k] = b.y;
            }
        }
    }

    private static void contacts(Body b, int k, int size, int floorY, double ppm, List<SceneEvent> events) {
        SceneObject o = b.o;
        double e = o.material().restitution();
        if (b.y + o.bottom() >= floorY && b.vy > 0) {
            b.y = floorY - o.bottom();
            double speed = b.vy / ppm;
            b.vy = -e * b.vy;
            b.vx *= 0.8;
            if (speed >= MIN_HIT_SPEED) {
                events.add(hit(k, o, speed, "floor"));
            }
            if (-b.vy / ppm < MIN_HIT_SPEED * 1.2) {
                b.resting = true; // too slow to leave the floor audibly: it stays where it landed
                b.vy = 0;
                b.vx = 0;
            }
        }
        double hw = o.halfWidth();
        if (b.x - hw <= 0 && b.vx < 0 || b.x + hw >= size && b.vx > 0) {
            b.x = b.vx < 0 ? hw : size - hw;
            double speed = Math.abs(b.vx) / ppm;
            b.vx = -e * b.vx;
            if (speed >= MIN_HIT_SPEED) {
                events.add(hit(k, o, speed, "wall"));
            }
        }
    }

    /** Bouncing objects that touch push each other apart (equal masses, along the line of centres). */
    private static void collisions(List<Body> bodies, int k, double ppm, List<SceneEvent> events) {
        for (int i = 0; i < bodies.size(); i++) {
            for (int j = i + 1; j < bodies.size(); j++) {
                Body a = bodies.get(i);
                Body b = bodies.get(j);
                double dx = b.x - a.x;
                double dy = b.y - a.y;
                double d = Math.hypot(dx, dy);
                double reach = a.o.radius() + b.o.radius();
                if (d >= reach || d < 1e-6) {
                    continue;
                }
                double nx = dx / d;
                double ny = dy / d;
                double approach = (a.vx - b.vx) * nx + (a.vy - b.vy) * ny;
                if (approach <= 0) {
                    continue;
                }
                double e = Math.min(a.o.material().restitution(), b.o.material().restitution());
                double impulse = (1 + e) / 2 * approach;
                a.vx -= impulse * nx;
                a.vy -= impulse * ny;
                b.vx += impulse * nx;
                b.vy += impulse * ny;
                a.resting = false;
                b.resting = false;
                double speed = approach / ppm;
                if (speed >= MIN_HIT_SPEED) {
                    events.add(hit(k, a.o, speed, "object"));
                    events.add(hit(k, b.o, speed, "object"));
                }
            }
        }
    }

    private static SceneEvent hit(int frame, SceneObject o, double speed, String surface) {
        return new SceneEvent("hit", frame, frame, o.id(), o.material(), speed, surface, null);
    }

    /** An object resting on the floor is pushed once and slides, decelerating evenly, until it stops. */
    private static void slide(SceneObject o, SplittableRandom r, SynthSpec spec, int floorY, double ppm,
            List<SceneEvent> events) {
        int frames = spec.frames();
        int start = (int) Math.round(frames * (0.1 + 0.35 * r.nextDouble()));
        int length = Math.max(2, (int) Math.round(spec.fps() * (0.8 + r.nextDouble())));
        int end = Math.min(frames - 1, start + length);
        double duration = (end - start) / spec.fps();
        double hw = o.halfWidth();
        int size = spec.size();
        boolean right = r.nextBoolean();
        double room = size - 2 * hw;
        double distance = room * (0.3 + 0.4 * r.nextDouble());
        double x0 = right ? hw + r.nextDouble() * (room - distance) : size - hw - r.nextDouble() * (room - distance);
        double sign = right ? 1 : -1;
        double v0 = 2 * distance / duration;
        double a = v0 / duration;
        double y = floorY - o.bottom();
        double[] speeds = new double[end - start + 1];
        for (int k = 0; k < frames; k++) {
            double tau = Math.min(Math.max(0, (k - start) / spec.fps()), duration);
            o.x()[k] = x0 + sign * (v0 * tau - a * tau * tau / 2);
            o.y()[k] = y;
            if (k >= start && k <= end) {
                speeds[k - start] = (v0 - a * tau) / ppm;
            }
        }
        events.add(new SceneEvent("scratch", start, end, o.id(), o.material(), v0 / ppm, "floor", speeds));
    }

    /** An object hangs in the air and glides along an arc, touching nothing. */
    private static void glide(SceneObject o, SplittableRandom r, SynthSpec spec, int floorY, double ppm,
            List<SceneEvent> events) {
        int frames = spec.frames();
        int start = (int) Math.round(frames * (0.1 + 0.3 * r.nextDouble()));
        int end = Math.min(frames - 1, start + Math.max(2, (int) Math.round(spec.fps() * (1 + r.nextDouble()))));
        int size = spec.size();
        double hw = o.halfWidth();
        double room = size - 2 * hw;
        double dx = (r.nextBoolean() ? 1 : -1) * room * (0.25 + 0.3 * r.nextDouble());
        double x0 = dx > 0 ? hw + r.nextDouble() * (room - dx) : size - hw - r.nextDouble() * (room + dx);
        double y0 = o.top() + 0.05 * size + r.nextDouble() * 0.3 * floorY;
        double lift = Math.min(y0 - o.top(), 0.15 * size) * r.nextDouble();
        for (int k = 0; k < frames; k++) {
            double u = Math.min(Math.max(0, (k - start) / (double) (end - start)), 1);
            o.x()[k] = x0 + dx * (1 - Math.cos(Math.PI * u)) / 2;
            o.y()[k] = y0 - lift * Math.sin(Math.PI * u);
        }
        events.add(new SceneEvent("silent", start, end, o.id(), o.material(), Math.abs(dx) / ppm
                / ((end - start) / spec.fps()), null, null));
    }

    /** Sometimes one or two hits of something out of view. */
    private static void offscreen(SplittableRandom r, SynthSpec spec, List<SceneEvent> events) {
        if (r.nextDouble() >= 0.35) {
            return;
        }
        int n = 1 + r.nextInt(2);
        int frames = spec.frames();
        for (int i = 0; i < n; i++) {
            int frame = (int) Math.round(frames * (0.1 + 0.75 * r.nextDouble()));
            Material m = Material.values()[r.nextInt(Material.values().length)];
            events.add(new SceneEvent("offscreen", frame, frame, 0, m, 1 + 3 * r.nextDouble(), null, null));
        }
    }
}
