package io.avlens.synth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.avlens.model.AvLensFactory;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Label;
import io.avlens.model.Narration;
import io.avlens.model.ObjectTrack;
import io.avlens.model.Project;
import io.avlens.model.SoundEvent;
import io.avlens.model.Split;
import io.avlens.model.store.Locations;
import io.avlens.synth.NarrationScope;
import io.avlens.synth.SynthSpec;

/**
 * Turns written clips into the project's dataset {@value #DATASET}: one {@link Clip} per clip with its labels
 * (narration, objects, lag, ambient level, seed), a {@link SoundEvent} per sounding event, an {@link ObjectTrack}
 * per object (all share the clip's instance-mask file; an object's pixels are those equal to its id), a
 * {@link Narration} for the sentence (whole clip) and one per spoken word, and the splits train/val/test: the clip
 * indices shuffled with the dataset seed, the first 80 % train, the next 10 % val, the rest test. Used from one
 * thread.
 */
public final class ProjectBuilder {

    /** The dataset's name. */
    public static final String DATASET = "av-shapes";
    /** The folder, under the project folder, that holds the clips' files. */
    public static final String MEDIA_FOLDER = "media";
    private static final String[] SPLITS = {"train", "val", "test"};

    private final java.nio.file.Path folder;
    private final SynthSpec spec;

    public ProjectBuilder(java.nio.file.Path folder, SynthSpec spec) {
        this.folder = folder;
        this.spec = spec;
    }

    /** The EMF clip of one written clip (not yet in a dataset). */
    public Clip clip(ClipWriter.Written written) {
        AvLensFactory f = AvLensFactory.eINSTANCE;
        Scene scene = written.scene();
        Clip clip = f.createClip();
        clip.setId(scene.name());
        clip.setMediaLocation(Locations.of(folder, written.video()));
        clip.setDuration(spec.frames() / spec.fps());
        clip.setFps(spec.fps());
        clip.setFrameWidth(spec.size());
        clip.setFrameHeight(spec.size());
        clip.setSampleRate(SynthSpec.SAMPLE_RATE);
        clip.setHasAudio(true);
        label(clip, "generator", "av-shapes");
        label(clip, "seed", Long.toUnsignedString(scene.seed()));
        label(clip, "lagSeconds", Double.toString(scene.lagSeconds()));
        label(clip, "ambientLevel", Double.toString(scene.ambientLevel()));
        label(clip, "sidecar", Locations.of(folder, written.sidecar()));
        label(clip, "sounding", Locations.of(folder, written.masks().resolveSibling(scene.name() + ".sounding.npy")));
        for (SceneObject o : scene.objects()) {
            label(clip, "object" + o.id(), o.material().id() + " " + o.shape().id() + " " + o.action());
        }
        Narration sentence = f.createNarration();
        sentence.setText(scene.narration());
        sentence.setStart(0);
        sentence.setEnd(clip.getDuration());
        clip.getAnnotations().add(sentence);
        for (SceneEvent e : scene.events()) {
            if (!e.sounds()) {
                continue;
            }
            SoundEvent s = f.createSoundEvent();
            s.setStart(e.frame() / spec.fps());
            s.setDuration((e.endFrame() - e.frame()) / spec.fps());
            s.setObjectId(Integer.toString(e.objectId()));
            s.setMaterial(e.material().id());
            s.setAction(e.type());
            clip.getAnnotations().add(s);
        }
        for (SceneObject o : scene.objects()) {
            ObjectTrack track = f.createObjectTrack();
            track.setObjectId(Integer.toString(o.id()));
            track.setMasksLocation(Locations.of(folder, written.masks()));
            clip.getAnnotations().add(track);
        }
        for (SpokenWord w : written.words()) {
            Narration word = f.createNarration();
            word.setText(w.word());
            word.setStart(w.startSample() / (double) SynthSpec.SAMPLE_RATE);
            word.setEnd((w.startSample() + w.samples()) / (double) SynthSpec.SAMPLE_RATE);
            clip.getAnnotations().add(word);
        }
        return clip;
    }

    /** Adds the dataset with {@code clips} (in index order) and its splits to {@code project}. */
    public void fill(Project project, Clip[] clips) {
        AvLensFactory f = AvLensFactory.eINSTANCE;
        Dataset dataset = f.createDataset();
        dataset.setName(DATASET);
        dataset.setRootLocation(MEDIA_FOLDER);
        List<Split> splits = new ArrayList<>();
        for (String name : SPLITS) {
            Split split = f.createSplit();
            split.setName(name);
            split.setDescription("AV-Shapes " + name + " split (seed " + spec.seed() + ")");
            splits.add(split);
            dataset.getSplits().add(split);
        }
        int[] assignment = splits(clips.length, spec.seed());
        for (int i = 0; i < clips.length; i++) {
            clips[i].setSplit(splits.get(assignment[i]));
            dataset.getClips().add(clips[i]);
        }
        project.setDescription("AV-Shapes synthetic audio-visual dataset: " + clips.length + " clips of "
                + spec.seconds() + " s at " + spec.size() + "x" + spec.size() + ", " + spec.fps() + " fps, seed "
                + spec.seed() + ", lag range " + spec.lagRange() + " s" + (spec.speech() ? ", with speech" : "")
                + (spec.separateSpeech() ? " (sounds and speech in separate clips)" : "")
                + (spec.defaultObjects() ? "" : ", " + spec.minObjects() + "-" + spec.maxObjects()
                        + " objects, silent share " + spec.silentShare())
                + (spec.narration() == NarrationScope.FULL ? "" : ", narration of what is " + spec.narration().id()));
        project.getDatasets().add(dataset);
    }

    /**
     * The split of each clip index (0 train, 1 val, 2 test): indices shuffled with the seed, the first
     * {@code floor(0.8 n)} train, the next {@code floor(0.1 n)} val, the rest test.
     */
    public static int[] splits(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed ^ 0x5b1175L));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int train = (int) Math.floor(0.8 * n);
        int val = (int) Math.floor(0.1 * n);
        int[] split = new int[n];
        for (int rank = 0; rank < n; rank++) {
            split[order[rank]] = rank < train ? 0 : rank < train + val ? 1 : 2;
        }
        return split;
    }

    private static void label(Clip clip, String key, String value) {
        Label l = AvLensFactory.eINSTANCE.createLabel();
        l.setKey(key);
        l.setValue(value);
        clip.getLabels().add(l);
    }
}
