package io.avlens.inference.djl.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.avlens.inference.djl.BuiltinBlockFactory;

/** The built-in families a service currently sees (a dynamic DS reference feeds it). Thread-safe. */
final class BuiltinFamilies {

    private final Map<String, BuiltinBlockFactory> byFamily = new ConcurrentHashMap<>();

    void add(BuiltinBlockFactory f) {
        byFamily.put(f.family(), f);
    }

    void remove(BuiltinBlockFactory f) {
        byFamily.remove(f.family(), f);
    }

    BuiltinBlockFactory get(String family) {
        return byFamily.get(family);
    }
}
