package io.avlens.media.dsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.avlens.core.profile.LogCompression;
import io.avlens.core.profile.MelScale;
import io.avlens.core.profile.MelSpec;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.media.AudioSignal;

/**
 * The reference arrays in {@code resources/dsp/} of this fragment, written by {@code make_dsp_reference.py} (NumPy,
 * from the textbook formulas), and the cases of {@code cases.tsv}. Loaded through the class loader, so it works in
 * the OSGi test runtime and on a plain class path holding the fragment root.
 */
final class DspReference {

    static final String FOLDER = "/resources/dsp/";

    /** One line of {@code cases.tsv}: a mel spectrogram the script computed, with its settings. */
    record Case(String name, int sampleRate, MelSpec spec) {

        @Override
        public String toString() {
            return name;
        }
    }

    private DspReference() {
    }

    /** Every case of {@code cases.tsv}, in file order. */
    static List<Case> cases() {
        List<Case> result = new ArrayList<>();
        try (InputStream in = open("cases.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 11) {
                    throw new AssertionError("cases.tsv: expected 11 fields in " + line);
                }
                MelSpec spec = new MelSpec(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        MelScale.valueOf(f[7].toUpperCase(Locale.ROOT)), f[8].equals("1"), Double.parseDouble(f[9]),
                        LogCompression.valueOf(f[10].toUpperCase(Locale.ROOT)));
                result.add(new Case(f[0], Integer.parseInt(f[1]), spec));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (result.size() < 5) {
            throw new AssertionError("cases.tsv lists only " + result.size() + " cases");
        }
        return result;
    }

    /** The reference signal at a rate (16000 or 22050 Hz). */
    static AudioSignal signal(int sampleRate) {
        NpyArray a = load("signal_" + sampleRate + ".npy");
        return new AudioSignal(a.toFloatTensor().toArray(), sampleRate);
    }

    /** A reference array. */
    static NpyArray load(String name) {
        try (InputStream in = open(name)) {
            return Npy.read(in, FOLDER + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = DspReference.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new AssertionError("test resource " + FOLDER + name + " is missing: is the fragment's resources/ "
                    + "folder on the class path (build.properties bin.includes)?");
        }
        return in;
    }
}
