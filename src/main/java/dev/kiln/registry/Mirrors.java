package dev.kiln.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pull mirrors per registry, as Kaniko: {@code --registry-mirror M} is {@code --registry-map docker.io=M};
 * {@code --registry-map orig=m1;orig=m2} (any registry). A mirror is {@code host[:port][/path]}; its path is
 * prefixed to the repository. Mirrors are tried in order, then the original unless {@code skipDefaultFallback}.
 *
 * @param byRegistry          mirrors per original registry name (as {@link Reference#registry()})
 * @param skipDefaultFallback Kaniko {@code --skip-default-registry-fallback}
 */
public record Mirrors(Map<String, List<String>> byRegistry, boolean skipDefaultFallback) {
    public static final Mirrors NONE = new Mirrors(Map.of(), false);

    public Mirrors {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (byRegistry == null ? Map.<String, List<String>>of() : byRegistry).forEach((k, v) -> {
            for (String m : v) mirrorReference(m, "x", "library/x");   // validates
            copy.put(canonical(k), List.copyOf(v));
        });
        byRegistry = Map.copyOf(copy);
    }

    /** Builds mirrors from {@code --registry-mirror} values and {@code --registry-map} values. */
    public static Mirrors parse(List<String> registryMirrors, List<String> registryMaps, boolean skipDefaultFallback) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String mirror : registryMirrors) {
            if (!mirror.isBlank()) m.computeIfAbsent(Reference.DOCKER_HUB, k -> new ArrayList<>()).add(strip(mirror));
        }
        for (String map : registryMaps) {
            String key = null;
            for (String part : map.split(";")) {
                if (part.isBlank()) continue;
                int eq = part.indexOf('=');
                if (eq == 0 || eq == part.length() - 1) throw new IllegalArgumentException("invalid registry map entry '" + part + "': expected ORIGINAL=MIRROR");
                if (eq > 0) key = canonical(part.substring(0, eq).trim());
                else if (key == null) throw new IllegalArgumentException("invalid registry map entry '" + part + "': expected ORIGINAL=MIRROR");
                m.computeIfAbsent(key, k -> new ArrayList<>()).add(strip(eq > 0 ? part.substring(eq + 1) : part));
            }
        }
        return new Mirrors(m, skipDefaultFallback);
    }

    /** What to try, in order, for a pull of {@code ref}. */
    public List<Reference> candidates(Reference ref) {
        List<String> mirrors = byRegistry.getOrDefault(ref.registry(), List.of());
        List<Reference> out = new ArrayList<>();
        for (String m : mirrors) {
            Reference r = mirrorReference(m, ref.registry(), ref.repository());
            out.add(new Reference(r.registry(), r.repository(), ref.tag(), ref.digest()));
        }
        if (out.isEmpty() || !skipDefaultFallback) out.add(ref);
        return out;
    }

    private static Reference mirrorReference(String mirror, String registry, String repository) {
        int slash = mirror.indexOf('/');
        String host = slash < 0 ? mirror : mirror.substring(0, slash);
        String prefix = slash < 0 ? "" : mirror.substring(slash + 1).replaceAll("/+$", "");
        try {
            return new Reference(host, prefix.isEmpty() ? repository : prefix + "/" + repository, "latest", null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid registry mirror '" + mirror + "' for " + registry + ": " + e.getMessage(), e);
        }
    }

    private static String strip(String mirror) {
        String m = mirror.trim();
        if (m.startsWith("https://")) m = m.substring(8);
        else if (m.startsWith("http://")) m = m.substring(7);
        return m.replaceAll("/+$", "");
    }

    static String canonical(String registry) {
        String r = strip(registry);
        return switch (r) {
            case "index.docker.io", Reference.DOCKER_HUB_API, "registry.hub.docker.com" -> Reference.DOCKER_HUB;
            default -> r;
        };
    }
}
