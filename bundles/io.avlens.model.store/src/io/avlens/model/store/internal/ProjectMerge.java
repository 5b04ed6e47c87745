package io.avlens.model.store.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;

import io.avlens.model.store.MergeReport;

/**
 * A three-way merge of two versions of a project that share an ancestor: the other program's changes (the file on
 * disk, "theirs", against the version both started from, "base") are applied to this program's project ("mine"),
 * which keeps its own changes. Objects are matched by their id, name or key (clips by id, runs by id, datasets by
 * name ...); lists whose elements have no such key are merged as one value. A value changed on both sides to
 * different values, an object changed on one side and deleted on the other, or an object added on both sides with
 * different content is a conflict: this program's version is kept and the conflict is reported.
 * <p>
 * Works on any EMF model (it reads the metamodel), so new classes and features merge without changes here. Not
 * thread-safe; changes {@code mine} in place.
 */
final class ProjectMerge {

    private final List<String> changes = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    /** theirs → mine, for every object matched or copied, so references can be carried over. */
    private final Map<EObject, EObject> counterparts = new HashMap<>();
    /** Objects copied from theirs into mine (original → copy): their references are carried over at the end. */
    private final Map<EObject, EObject> adopted = new LinkedHashMap<>();
    private final List<PendingReference> references = new ArrayList<>();
    private Map<String, EObject> minePaths;

    private record PendingReference(EObject base, EObject theirs, EObject mine, EReference reference) {
    }

    private ProjectMerge() {
    }

    /** Applies the changes from {@code base} to {@code theirs} to {@code mine}. */
    static MergeReport merge(EObject base, EObject theirs, EObject mine) {
        ProjectMerge merge = new ProjectMerge();
        merge.mergeObject(base, theirs, mine);
        merge.mergeReferences(mine);
        return new MergeReport(List.copyOf(merge.changes), List.copyOf(merge.conflicts));
    }

    private void mergeObject(EObject base, EObject theirs, EObject mine) {
        counterparts.put(theirs, mine);
        for (EStructuralFeature feature : mine.eClass().getEAllStructuralFeatures()) {
            if (feature.isDerived() || feature.isTransient() || !feature.isChangeable()) {
                continue;
            }
            if (feature instanceof EAttribute attribute) {
                mergeAttribute(base, theirs, mine, attribute);
            } else if (feature instanceof EReference reference && reference.isContainment()) {
                mergeContainment(base, theirs, mine, reference);
            } else if (feature instanceof EReference reference && !reference.isContainer()) {
                references.add(new PendingReference(base, theirs, mine, reference));
            }
        }
    }

    private void mergeAttribute(EObject base, EObject theirs, EObject mine, EAttribute attribute) {
        Object b = base.eGet(attribute);
        Object t = theirs.eGet(attribute);
        Object m = mine.eGet(attribute);
        if (Objects.equals(b, t) || Objects.equals(m, t)) {
            return;
        }
        String where = describe(mine, attribute);
        if (Objects.equals(b, m)) {
            mine.eSet(attribute, attribute.isMany() ? new ArrayList<>((List<?>) t) : t);
            changes.add(where + " changed to " + t);
        } else {
            conflicts.add(where + " was changed here to " + m + " and by the other program to " + t
                    + "; kept " + m);
        }
    }

    @SuppressWarnings("unchecked")
    private void mergeContainment(EObject base, EObject theirs, EObject mine, EReference reference) {
        if (reference.isMany()) {
            EList<EObject> b = (EList<EObject>) base.eGet(reference);
            EList<EObject> t = (EList<EObject>) theirs.eGet(reference);
            EList<EObject> m = (EList<EObject>) mine.eGet(reference);
            if (keyed(b) && keyed(t) && keyed(m)) {
                mergeKeyed(b, t, m, mine, reference);
            } else {
                mergeWhole(b, t, m, mine, reference);
            }
            return;
        }
        EObject b = (EObject) base.eGet(reference);
        EObject t = (EObject) theirs.eGet(reference);
        EObject m = (EObject) mine.eGet(reference);
        if (b != null && t != null && m != null && b.eClass() == t.eClass() && t.eClass() == m.eClass()) {
            mergeObject(b, t, m);
        } else if (!same(b, t) && !same(m, t)) {
            if (same(b, m)) {
                mine.eSet(reference, t == null ? null : adopt(t));
                changes.add(describe(mine, reference) + " replaced");
            } else {
                conflicts.add(describe(mine, reference) + " was changed here and by the other program; kept this"
                        + " version");
            }
        }
    }

    private void mergeKeyed(List<EObject> base, List<EObject> theirs, EList<EObject> mine, EObject owner,
            EReference reference) {
        Map<String, EObject> b = byKey(base);
        Map<String, EObject> m = byKey(mine);
        String previous = null;
        for (EObject t : theirs) {
            String key = ObjectPaths.keyOf(t);
            EObject inBase = b.get(key);
            EObject inMine = m.get(key);
            if (inBase == null && inMine == null) {
                EObject copy = adopt(t);
                EObject after = previous == null ? null : m.get(previous);
                mine.add(after == null ? 0 : mine.indexOf(after) + 1, copy);
                m.put(key, copy);
                changes.add("added " + ObjectPaths.of(copy));
            } else if (inBase == null) {
                if (!same(t, inMine)) {
                    conflicts.add(ObjectPaths.of(inMine) + " was added here and by the other program with other"
                            + " content; kept this version");
                }
                counterparts.put(t, inMine);
            } else if (inMine != null) {
                mergeObject(inBase, t, inMine);
            } else if (!same(inBase, t)) {
                conflicts.add(describe(owner, reference) + "[" + key + "] was deleted here and changed by the other"
                        + " program; kept it deleted");
            }
            previous = key;
        }
        Map<String, EObject> t = byKey(theirs);
        for (Map.Entry<String, EObject> entry : b.entrySet()) {
            EObject inMine = m.get(entry.getKey());
            if (t.containsKey(entry.getKey()) || inMine == null) {
                continue;
            }
            if (same(entry.getValue(), inMine)) {
                String path = ObjectPaths.of(inMine);
                mine.remove(inMine);
                changes.add("removed " + path);
            } else {
                conflicts.add(ObjectPaths.of(inMine) + " was changed here and deleted by the other program; kept it");
            }
        }
    }

    private void mergeWhole(List<EObject> base, List<EObject> theirs, EList<EObject> mine, EObject owner,
            EReference reference) {
        if (sameLists(base, theirs) || sameLists(mine, theirs)) {
            for (int i = 0; i < theirs.size() && i < mine.size(); i++) {
                if (same(theirs.get(i), mine.get(i))) {
                    counterparts.put(theirs.get(i), mine.get(i));
                }
            }
            return;
        }
        if (sameLists(base, mine)) {
            List<EObject> copies = new ArrayList<>();
            theirs.forEach(t -> copies.add(adopt(t)));
            mine.clear();
            mine.addAll(copies);
            changes.add(describe(owner, reference) + " replaced (" + copies.size() + " items)");
        } else {
            conflicts.add(describe(owner, reference) + " were changed here and by the other program; kept this"
                    + " version");
        }
    }

    /** A copy of {@code theirs} for mine; its references are carried over once every object is placed. */
    private EObject adopt(EObject theirs) {
        EcoreUtil.Copier copier = new EcoreUtil.Copier();
        EObject copy = copier.copy(theirs);
        copier.forEach((original, made) -> {
            counterparts.put(original, made);
            adopted.put(original, made);
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private void mergeReferences(EObject mineRoot) {
        for (PendingReference p : references) {
            List<String> b = targets(p.base(), p.reference());
            List<String> t = targets(p.theirs(), p.reference());
            List<String> m = targets(p.mine(), p.reference());
            if (b.equals(t) || m.equals(t)) {
                continue;
            }
            if (b.equals(m)) {
                setReference(p.mine(), p.reference(), p.theirs(), mineRoot);
                changes.add(describe(p.mine(), p.reference()) + " changed");
            } else {
                conflicts.add(describe(p.mine(), p.reference()) + " was changed here and by the other program;"
                        + " kept this version");
            }
        }
        for (Map.Entry<EObject, EObject> entry : adopted.entrySet()) {
            for (EReference reference : entry.getKey().eClass().getEAllReferences()) {
                if (!reference.isContainment() && !reference.isContainer() && !reference.isDerived()
                        && !reference.isTransient() && reference.isChangeable()
                        && entry.getKey().eIsSet(reference)) {
                    setReference(entry.getValue(), reference, entry.getKey(), mineRoot);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void setReference(EObject mine, EReference reference, EObject theirs, EObject mineRoot) {
        List<EObject> values = new ArrayList<>();
        for (EObject target : values(theirs, reference)) {
            EObject counterpart = counterpart(target, mineRoot);
            if (counterpart != null) {
                values.add(counterpart);
            } else {
                conflicts.add(describe(mine, reference) + " refers to " + ObjectPaths.of(target)
                        + ", which this version no longer has; left out");
            }
        }
        if (reference.isMany()) {
            EList<EObject> list = (EList<EObject>) mine.eGet(reference);
            list.clear();
            list.addAll(values);
        } else {
            mine.eSet(reference, values.isEmpty() ? null : values.get(0));
        }
    }

    private EObject counterpart(EObject theirs, EObject mineRoot) {
        EObject known = counterparts.get(theirs);
        if (known != null) {
            return known;
        }
        if (minePaths == null) {
            minePaths = new HashMap<>();
            for (TreeIterator<EObject> it = mineRoot.eAllContents(); it.hasNext();) {
                EObject o = it.next();
                minePaths.putIfAbsent(ObjectPaths.of(o), o);
            }
        }
        return minePaths.get(ObjectPaths.of(theirs));
    }

    @SuppressWarnings("unchecked")
    private static List<EObject> values(EObject owner, EReference reference) {
        Object value = owner.eGet(reference);
        if (reference.isMany()) {
            return (List<EObject>) value;
        }
        return value == null ? List.of() : List.of((EObject) value);
    }

    private static List<String> targets(EObject owner, EReference reference) {
        return values(owner, reference).stream().map(ObjectPaths::of).toList();
    }

    private static boolean keyed(List<EObject> list) {
        Map<String, EObject> seen = new HashMap<>();
        for (EObject o : list) {
            String key = ObjectPaths.keyOf(o);
            if (key == null || seen.put(key, o) != null) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, EObject> byKey(List<EObject> list) {
        Map<String, EObject> map = new LinkedHashMap<>();
        list.forEach(o -> map.put(ObjectPaths.keyOf(o), o));
        return map;
    }

    private static boolean sameLists(List<EObject> a, List<EObject> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Structural equality of two objects of different versions: same class, equal attributes, equal contained
     * objects, and references to objects at the same place in their projects.
     */
    @SuppressWarnings("unchecked")
    static boolean same(EObject a, EObject b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.eClass() != b.eClass()) {
            return false;
        }
        for (EStructuralFeature feature : a.eClass().getEAllStructuralFeatures()) {
            if (feature.isDerived() || feature.isTransient()) {
                continue;
            }
            if (feature instanceof EAttribute) {
                if (!Objects.equals(a.eGet(feature), b.eGet(feature))) {
                    return false;
                }
            } else if (feature instanceof EReference reference && reference.isContainment()) {
                boolean equal = reference.isMany()
                        ? sameLists((List<EObject>) a.eGet(reference), (List<EObject>) b.eGet(reference))
                        : same((EObject) a.eGet(reference), (EObject) b.eGet(reference));
                if (!equal) {
                    return false;
                }
            } else if (feature instanceof EReference reference && !reference.isContainer()
                    && !targets(a, reference).equals(targets(b, reference))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(EObject owner, EStructuralFeature feature) {
        String path = ObjectPaths.of(owner);
        return (path.isEmpty() ? "" : path + "/") + feature.getName();
    }
}
