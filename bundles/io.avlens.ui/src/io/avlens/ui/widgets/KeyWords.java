package io.avlens.ui.widgets;

import java.util.Map;

/**
 * A key (a metric or an artifact kind as JSON, CSV and run records spell it: {@code classifierScore},
 * {@code onsetAP}, {@code similarityVolume}) in words for combos, titles and captions ("classifier score", "onset AP",
 * "similarity volume"). Known metrics get their customary names and units; any other camelCase key is split into
 * words, acronyms kept. The metric columns of the Runs table keep the keys (as ML tools do).
 */
public final class KeyWords {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("alignAcc", "Align Acc"),
            Map.entry("onsetAcc", "onset accuracy"),
            Map.entry("onsetAP", "onset AP"),
            Map.entry("detectionAcc", "detection accuracy"),
            Map.entry("syncOffset", "sync offset (s)"),
            Map.entry("lagSeconds", "lag (s)"),
            Map.entry("classifierScore", "classifier score"),
            Map.entry("fad", "FAD"),
            Map.entry("materialAcc", "material accuracy"));

    private KeyWords() {
    }

    /** {@code key} in words. */
    public static String of(String key) {
        if (key == null || key.isEmpty()) {
            return key;
        }
        String known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < key.length()) {
            int j = i + 1;
            if (Character.isUpperCase(key.charAt(i)) && j < key.length() && Character.isUpperCase(key.charAt(j))) {
                while (j < key.length() && Character.isUpperCase(key.charAt(j))) { // an acronym: AP, FAD
                    j++;
                }
                if (j < key.length() && Character.isLowerCase(key.charAt(j))) {
                    j--; // its last capital starts the next word (URLParser: URL, Parser)
                }
                append(out, key.substring(i, j));
            } else {
                while (j < key.length() && !Character.isUpperCase(key.charAt(j))) {
                    j++;
                }
                append(out, key.substring(i, j).toLowerCase(java.util.Locale.ROOT));
            }
            i = j;
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String word) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(word);
    }
}
