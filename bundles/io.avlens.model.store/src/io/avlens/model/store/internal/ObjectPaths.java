package io.avlens.model.store.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * Where an object is in a project, for people: {@code datasets[kitchen]/clips[take-03]/annotations[2]}. A
 * contained object is named by its id, name or key when it has one that no sibling shares, else by its position
 * (so two clips with the same id get distinct paths); the project itself is the empty path.
 */
final class ObjectPaths {

    private static final List<String> KEYS = List.of("id", "name", "key");

    private ObjectPaths() {
    }

    static String of(EObject object) {
        Deque<String> segments = new ArrayDeque<>();
        for (EObject o = object; o != null && o.eContainer() != null; o = o.eContainer()) {
            EReference feature = o.eContainmentFeature();
            if (feature.isMany()) {
                List<?> siblings = (List<?>) o.eContainer().eGet(feature);
                String key = keyOf(o);
                boolean unique = key != null && isUniqueKey(o, key, siblings);
                segments.addFirst(feature.getName() + "[" + (unique ? key : siblings.indexOf(o)) + "]");
            } else {
                segments.addFirst(feature.getName());
            }
        }
        return String.join("/", segments);
    }

    private static boolean isUniqueKey(EObject object, String key, List<?> siblings) {
        for (Object sibling : siblings) {
            if (sibling != object && sibling instanceof EObject other && key.equals(keyOf(other))) {
                return false;
            }
        }
        return true;
    }

    /** The object's id, name or key, when it has a non-blank one. */
    static String keyOf(EObject object) {
        for (String name : KEYS) {
            EStructuralFeature feature = object.eClass().getEStructuralFeature(name);
            if (feature instanceof EAttribute && !feature.isMany() && object.eGet(feature) instanceof String s
                    && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }
}
