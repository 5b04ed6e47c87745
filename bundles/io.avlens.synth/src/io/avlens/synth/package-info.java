/**
 * AV-Shapes: a synthetic audio-visual dataset with exact ground truth, for training and checking the built-in
 * models. Each clip shows 1–3 objects (circle, square or triangle; wood, metal, glass, ceramic or rubber) on a
 * textured background that changes per clip; each object either falls and bounces (a {@code hit} sound on every
 * contact with the floor, a wall or another object, as loud as the impact is fast), slides on the floor (a
 * {@code scratch} while it moves) or drifts through the air without a sound ({@code silent}). Some clips add
 * sounds whose source is out of view ({@code offscreen}); every clip has an ambient bed (noise and mains hum) at a
 * level of its own, a narration sentence and, on request, a spoken colour name per object while it is visible.
 * Sound is synthesised at 16 kHz (modal synthesis, see {@link io.avlens.synth.Material}) and starts on the first
 * sample of the frame that shows the contact; a clip may carry a known lag (positive: the sound comes later).
 * <p>
 * Java API: {@code new AvShapesGenerator(projectStore).generate(SynthSpec.of(n, seed).withLagRange(0.5), out,
 * progress)}. The command line: {@code avlens synth --out DIR --clips N --seed S}.
 * <p>
 * Layout of a generated folder {@code OUT}:
 * <pre>
 * OUT/project.avlens                 the AV Lens project: dataset "av-shapes", splits train/val/test (80/10/10)
 * OUT/media/clip-00000.mp4           H.264 + AAC mono 16 kHz; decoded audio is aligned with the frames
 * OUT/media/clip-00000.json          sidecar: events, objects, narration, lagSeconds, ambientLevel, words
 * OUT/media/clip-00000.masks.npy     uint8 [T, H, W]: object id per pixel, 0 background
 * OUT/media/clip-00000.sounding.npy  uint8 [T, H, W]: the same, kept only where the object sounds on that frame
 * </pre>
 * Sidecar times ({@code events[].time}, {@code words[].time}) are picture time in seconds; in a lagged clip every
 * sound is heard {@code lagSeconds} later. Events: {@code {"type": "hit"|"scratch"|"offscreen"|"silent", "time",
 * "duration", "frame", "objectId" (0 for off-screen), "material", "speed" (m/s), "surface"
 * (floor|wall|object), "soundSeconds", "amplitude"}}; objects: {@code {"id", "shape", "material", "colour",
 * "action", "radius"}}.
 */
package io.avlens.synth;
