package io.avlens.ui.project.editor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.avlens.model.Parameter;

/**
 * What a new parameter is called and set to when the installed task of the experiment's kind is not known (the
 * editor offers that task's own parameters otherwise): the first setting usual for the experiment's kind that has this type
 * and is not in the experiment yet (a generation experiment gets {@code seed}, {@code steps}, then the guidance
 * scales {@code cfg_scales = 1, 2.5, 4.5, 6.5} that Diff-Foley and CondFoleyGen sweep), else a numbered name.
 */
final class ParameterDefaults {

    /** A suggested setting: its name and its value as the user would type it. */
    private record Suggestion(String name, ParameterType type, String value) {
    }

    private static final List<Suggestion> COMMON = List.of(new Suggestion("seed", ParameterType.INTEGER, "0"));

    private static final Map<String, List<Suggestion>> BY_KIND = Map.of(
            "generation", List.of(
                    new Suggestion("steps", ParameterType.INTEGER, "25"),
                    new Suggestion("cfg_scales", ParameterType.REAL_LIST, "1, 2.5, 4.5, 6.5"),
                    new Suggestion("eta", ParameterType.REAL, "0"),
                    new Suggestion("sampler", ParameterType.TEXT, "ddim"),
                    new Suggestion("normalize_loudness", ParameterType.BOOLEAN, "true"),
                    new Suggestion("seeds", ParameterType.INTEGER_LIST, "0, 1, 2")),
            "heatmap", attention(),
            "embedding", List.of(
                    new Suggestion("dimensions", ParameterType.INTEGER, "2"),
                    new Suggestion("perplexity", ParameterType.REAL, "30"),
                    new Suggestion("projection", ParameterType.TEXT, "pca"),
                    new Suggestion("normalize", ParameterType.BOOLEAN, "true"),
                    new Suggestion("layers", ParameterType.INTEGER_LIST, "-1")),
            "retrieval", List.of(
                    new Suggestion("batch_size", ParameterType.INTEGER, "16"),
                    new Suggestion("temperature", ParameterType.REAL, "0.07"),
                    new Suggestion("metric", ParameterType.TEXT, "cosine"),
                    new Suggestion("normalize", ParameterType.BOOLEAN, "true"),
                    new Suggestion("recall_at", ParameterType.INTEGER_LIST, "1, 5, 10")),
            "evaluation", List.of(
                    new Suggestion("samples_per_clip", ParameterType.INTEGER, "1"),
                    new Suggestion("onset_tolerance", ParameterType.REAL, "0.1"),
                    new Suggestion("metrics", ParameterType.TEXT, "onset_acc, onset_ap"),
                    new Suggestion("save_audio", ParameterType.BOOLEAN, "true"),
                    new Suggestion("cfg_scales", ParameterType.REAL_LIST, "1, 2.5, 4.5, 6.5")));

    private ParameterDefaults() {
    }

    private static List<Suggestion> attention() {
        return List.of(
                new Suggestion("batch_size", ParameterType.INTEGER, "8"),
                new Suggestion("temperature", ParameterType.REAL, "0.07"),
                new Suggestion("aggregation", ParameterType.TEXT, "max"),
                new Suggestion("normalize", ParameterType.BOOLEAN, "true"),
                new Suggestion("layers", ParameterType.INTEGER_LIST, "-1"));
    }

    /**
     * A new, detached parameter of {@code type} for an experiment of {@code kind} (null for none) whose parameter
     * names are {@code taken}.
     */
    static Parameter create(ParameterType type, String kind, Set<String> taken) {
        Parameter parameter = type.create();
        for (Suggestion suggestion : suggestions(kind)) {
            if (suggestion.type() == type && !taken.contains(suggestion.name())) {
                parameter.setName(suggestion.name());
                parameter.eSet(type.valueFeature(), ParameterValues.parse(type, suggestion.value()));
                return parameter;
            }
        }
        String base = type.label().replace(' ', '_');
        int n = 1;
        while (taken.contains(base + "_" + n)) {
            n++;
        }
        parameter.setName(base + "_" + n);
        return parameter;
    }

    private static List<Suggestion> suggestions(String kind) {
        List<Suggestion> forKind = kind == null ? List.of() : BY_KIND.getOrDefault(kind, List.of());
        return java.util.stream.Stream.concat(COMMON.stream(), forKind.stream()).toList();
    }
}
