package dev.kiln.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * An instruction's {@code --flags} checked against the flags it accepts (BuildKit {@code BFlags}): declare the
 * flags, call {@link #parse()}, then read the values. Errors are {@link IllegalArgumentException}s with
 * BuildKit's wording ({@code unknown flag: --boo}); a misspelt flag gets a suggestion
 * ({@code unknown flag --chwon for COPY (did you mean --chown?)}).
 */
final class BuilderFlags {
    private enum Type { BOOL, STRING, STRINGS }

    private final String keyword;
    private final List<String> args;
    private final Map<String, Type> declared = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();

    BuilderFlags(String keyword, List<String> args) {
        this.keyword = keyword;
        this.args = List.copyOf(args);
    }

    BuilderFlags bool(String name) {
        declared.put(name, Type.BOOL);
        return this;
    }

    BuilderFlags string(String name) {
        declared.put(name, Type.STRING);
        return this;
    }

    BuilderFlags strings(String name) {
        declared.put(name, Type.STRINGS);
        return this;
    }

    BuilderFlags parse() {
        for (String a : args) {
            if (a.equals("--")) return this;
            if (!a.startsWith("--")) throw new IllegalArgumentException("arg should start with -- : " + a);
            String body = a.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "" : body.substring(eq + 1);
            Type type = declared.get(name);
            if (type == null) throw new IllegalArgumentException(unknown(name));
            if (type != Type.STRINGS && values.containsKey(name)) {
                throw new IllegalArgumentException("duplicate flag specified: " + name);
            }
            switch (type) {
                case BOOL -> {
                    if (eq >= 0 && value.isEmpty()) throw new IllegalArgumentException("missing a value on flag: " + name);
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (lower.isEmpty()) lower = "true";
                    if (!lower.equals("true") && !lower.equals("false")) {
                        throw new IllegalArgumentException("expecting boolean value for flag " + name + ", not: " + value);
                    }
                    values.put(name, lower);
                }
                case STRING -> {
                    if (eq < 0) throw new IllegalArgumentException("missing a value on flag: " + name);
                    values.put(name, value);
                }
                case STRINGS -> {
                    if (eq < 0) throw new IllegalArgumentException("missing a value on flag: " + name);
                    values.put(name, value);
                    lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
        }
        return this;
    }

    private String unknown(String name) {
        TreeSet<String> known = new TreeSet<>();
        for (String d : declared.keySet()) known.add("--" + d);
        return Suggest.closest("--" + name, known, true)
                .map(m -> "unknown flag --" + name + " for " + keyword + " (did you mean " + m + "?)")
                .orElseGet(() -> "unknown flag: --" + name + (known.isEmpty() ? " (" + keyword + " takes no flags)"
                        : " (" + keyword + " accepts " + String.join(", ", known) + ")"));
    }

    /** The value of a string flag, or null when it was not given. */
    String get(String name) {
        return values.get(name);
    }

    boolean isTrue(String name) {
        return "true".equals(values.get(name));
    }

    /** True/false when the bool flag was given, null when absent. */
    Boolean optionalBool(String name) {
        return values.containsKey(name) ? isTrue(name) : null;
    }

    List<String> all(String name) {
        return lists.getOrDefault(name, List.of());
    }
}
