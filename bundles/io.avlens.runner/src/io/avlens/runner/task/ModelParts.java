package io.avlens.runner.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.avlens.inference.LoadedModel;
import io.avlens.inference.descriptor.ModelDescriptor;

/**
 * The loaded parts of a model by role (a model of one file has one part, of role
 * {@value ModelDescriptor#SINGLE_ROLE}). The runner loads each part once per run; the task of the model's family
 * decides how they combine. The parts are shared by all clips of a run: do not close them.
 */
public final class ModelParts {

    private final Map<String, LoadedModel> byRole;

    private ModelParts(Map<String, LoadedModel> byRole) {
        this.byRole = byRole;
    }

    /**
     * Parts by role, in the descriptor's order.
     *
     * @throws IllegalArgumentException when there is no part
     */
    public static ModelParts of(Map<String, LoadedModel> byRole) {
        if (byRole.isEmpty() || byRole.values().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a model needs at least one loaded part, not " + byRole.keySet());
        }
        return new ModelParts(Collections.unmodifiableMap(new LinkedHashMap<>(byRole)));
    }

    /** A model of one file. */
    public static ModelParts single(LoadedModel model) {
        return of(Map.of(ModelDescriptor.SINGLE_ROLE, model));
    }

    /** The roles, in the descriptor's order. */
    public List<String> roles() {
        return List.copyOf(byRole.keySet());
    }

    /** Whether there is a part of this role. */
    public boolean has(String role) {
        return byRole.containsKey(role);
    }

    /** Whether this is a model of one file (one part, of role {@value ModelDescriptor#SINGLE_ROLE}). */
    public boolean isSingle() {
        return byRole.size() == 1 && byRole.containsKey(ModelDescriptor.SINGLE_ROLE);
    }

    /**
     * The part of this role.
     *
     * @throws IllegalArgumentException naming the roles there are when there is none of this role
     */
    public LoadedModel byRole(String role) {
        LoadedModel m = byRole.get(role);
        if (m == null) {
            throw new IllegalArgumentException("the model has no '" + role + "' part (its parts: " + roles() + ")");
        }
        return m;
    }

    /** The model of one file, or null for a model made of parts. */
    public LoadedModel single() {
        return isSingle() ? byRole.get(ModelDescriptor.SINGLE_ROLE) : null;
    }
}
