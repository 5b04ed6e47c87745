package io.avlens.synth.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import io.avlens.synth.SynthSpec;

/**
 * Places one spoken word per object, its colour name, at a time when the object is visible on every frame the word
 * overlaps (at least 30 % of its largest visible area, by the instance masks) and no other word is being said. An
 * object for which no such time is found in 40 draws gets no word.
 */
final class WordPlanner {

    private static final int RATE = SynthSpec.SAMPLE_RATE;
    private static final int GAP = RATE / 10;

    private WordPlanner() {
    }

    static List<SpokenWord> plan(Scene scene, byte[] masks, long seed) {
        SynthSpec spec = scene.spec();
        int frames = spec.frames();
        int area = spec.size() * spec.size();
        int[][] pixels = new int[scene.objects().size() + 1][frames];
        for (int i = 0; i < masks.length; i++) {
            pixels[masks[i] & 0xff][i / area]++;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int length = FormantSpeech.WORD_SAMPLES;
        int first = RATE / 5;
        int last = spec.samples() - length - RATE / 10;
        List<SpokenWord> words = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            int most = 0;
            for (int k = 0; k < frames; k++) {
                most = Math.max(most, pixels[o.id()][k]);
            }
            for (int attempt = 0; attempt < 40 && last > first; attempt++) {
                int start = first + random.nextInt(last - first);
                if (visible(pixels[o.id()], most, start, length, spec) && free(words, start, length)) {
                    words.add(new SpokenWord(o.material().colourName(), o.id(), start, length));
                    break;
                }
            }
        }
        words.sort(Comparator.comparingInt(SpokenWord::startSample));
        return List.copyOf(words);
    }

    private static boolean visible(int[] pixels, int most, int start, int length, SynthSpec spec) {
        int from = (int) Math.floor(start * spec.fps() / RATE);
        int to = Math.min(pixels.length - 1, (int) Math.floor((start + length - 1) * spec.fps() / RATE));
        for (int k = from; k <= to; k++) {
            if (pixels[k] == 0 || pixels[k] < 0.3 * most) {
                return false;
            }
        }
        return true;
    }

    private static boolean free(List<SpokenWord> words, int start, int length) {
        for (SpokenWord w : words) {
            if (start < w.startSample() + w.samples() + GAP && w.startSample() < start + length + GAP) {
                return false;
            }
        }
        return true;
    }
}
