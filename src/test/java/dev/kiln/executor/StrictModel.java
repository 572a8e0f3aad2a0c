package dev.kiln.executor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Offline schema check of a manifest: YAML read into the fabric8 Kubernetes/Tekton model classes (generated from the
 * upstream OpenAPI schemas), failing on unknown or mistyped fields. fabric8 keeps unknown fields in
 * {@code additionalProperties} instead of failing, so every object in the result is walked and any such leftover fails.
 */
final class StrictModel {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StrictModel() {}

    static JsonNode tree(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        return of(YAML.readTree(file.toFile()), type, file.getFileName().toString());
    }

    static <T> T of(JsonNode node, Class<T> type, String where) throws IOException {
        T value = YAML.treeToValue(node, type);
        check(value, where, new IdentityHashMap<>());
        return value;
    }

    private static void check(Object o, String path, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) return;
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> check(v, path + "." + k, seen));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) check(v, path + "[" + i++ + "]", seen);
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) return;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) continue;
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties") && v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                throw new AssertionError(path + ": fields not in the schema: " + extra.keySet());
            }
            if (!m.getName().equals("getAdditionalProperties")) check(v, path + "." + m.getName().substring(3), seen);
        }
    }
}
