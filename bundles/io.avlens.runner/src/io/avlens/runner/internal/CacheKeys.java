package io.avlens.runner.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.avlens.inference.descriptor.ModelDescriptor;
import io.avlens.inference.descriptor.ModelDescriptors;

/**
 * The cache key of one model on one clip: SHA-256 of everything its outputs depend on, in a canonical text: the
 * task's kind and version, the model's weights SHA-256 and descriptor (profile, inputs, outputs; not its notes),
 * the media file's SHA-256, the SHA-256 of every other file the task reads for the clip ({@code absent} for one
 * that is not there; none for most tasks, so their keys are as before), the parameters sorted by name with their
 * types, and the seed. The device, thread count
 * and batch size are left out: they change results by float rounding at most. Stateless.
 */
final class CacheKeys {

    private static final String VERSION = "avlens-run-cache/1";

    private CacheKeys() {
    }

    static String key(String kind, String taskVersion, ModelDescriptor model, String weightsSha256,
            String mediaSha256, Map<String, String> inputSha256, Map<String, Object> parameters, long seed) {
        JsonObject descriptor = ModelDescriptors.toJson(model);
        descriptor.remove("notes");
        descriptor.remove("weights");
        descriptor.remove("sha256");
        StringBuilder text = new StringBuilder(VERSION).append('\n');
        text.append("task ").append(kind).append(' ').append(taskVersion).append('\n');
        text.append("weights ").append(weightsSha256).append('\n');
        text.append("model ").append(descriptor).append('\n');
        text.append("media ").append(mediaSha256).append('\n');
        for (Map.Entry<String, String> input : new TreeMap<>(inputSha256).entrySet()) {
            text.append("input ").append(new JsonPrimitive(input.getKey())).append(' ').append(input.getValue())
                    .append('\n');
        }
        text.append("parameters ").append(canonical(parameters)).append('\n');
        text.append("seed ").append(seed).append('\n');
        return FileHashes.digest(text.toString());
    }

    /** {@code name=type:value;…} sorted by name; reals in Java's shortest exact form, text JSON-quoted. */
    static String canonical(Map<String, Object> parameters) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(parameters).entrySet()) {
            s.append(new JsonPrimitive(e.getKey())).append('=').append(value(e.getValue())).append(';');
        }
        return s.toString();
    }

    private static String value(Object v) {
        if (v instanceof Long l) {
            return "int:" + l;
        } else if (v instanceof Integer i) {
            return "int:" + i;
        } else if (v instanceof Double d) {
            return "real:" + d;
        } else if (v instanceof Boolean b) {
            return "bool:" + b;
        } else if (v instanceof String t) {
            return "text:" + new JsonPrimitive(t);
        } else if (v instanceof List<?> list) {
            StringBuilder s = new StringBuilder("list[");
            for (Object o : list) {
                s.append(value(o)).append(',');
            }
            return s.append(']').toString();
        }
        return "other:" + new JsonPrimitive(String.valueOf(v));
    }
}
