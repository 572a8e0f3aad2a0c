package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.RunMount.Sharing;
import dev.kiln.dockerfile.instructions.RunMount.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code RUN --mount=…} specs (BuildKit {@code parseMount}): comma-separated {@code key=value} fields read as CSV,
 * keys case-insensitive, values expanded by the caller's expander at dispatch. The parser keeps mounts raw in
 * {@link dev.kiln.dockerfile.instructions.Run#mounts()} and checks them with {@link #check(String)}; the RUN
 * executor calls {@link #parse(String, UnaryOperator)} with the stage's word expander.
 * Errors are IllegalArgumentExceptions naming the mount and the problem.
 */
public final class RunMounts {
    static final List<String> KEYS = List.of("type", "from", "source", "src", "target", "dst", "destination",
            "readonly", "ro", "readwrite", "rw", "required", "id", "sharing", "mode", "uid", "gid", "size", "env");
    static final Pattern VARIABLE = Pattern.compile("\\$.");

    private RunMounts() {}

    /** Parses without expansion (values taken literally). */
    public static RunMount parse(String raw) {
        return parse(raw, UnaryOperator.identity());
    }

    /** Parses every raw spec of a RUN with the given expander. */
    public static List<RunMount> parseAll(List<String> raws, UnaryOperator<String> expand) {
        List<RunMount> out = new ArrayList<>();
        for (String r : raws) out.add(parse(r, expand));
        return out;
    }

    /** Parses one spec; {@code expand} is applied to every value (never to {@code from}, which must be literal). */
    public static RunMount parse(String raw, UnaryOperator<String> expand) {
        try {
            MountFields m = new MountFields();
            for (String field : fields(raw)) m.set(field, expand);
            return m.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --mount=" + raw + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parse-time check: the full parse when no value uses a variable, else only the keys and the literal
     * {@code from} (values with variables are checked when expanded, as BuildKit does).
     */
    public static void check(String raw) {
        if (raw.indexOf('$') < 0) {
            parse(raw);
            return;
        }
        try {
            for (String field : fields(raw)) {
                int eq = field.indexOf('=');
                String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (!KEYS.contains(key)) throw unexpectedKey(key, field);
                if (key.equals("from") && VARIABLE.matcher(field.substring(eq + 1)).find()) throw fromVariable();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --mount=" + raw + ": " + e.getMessage(), e);
        }
    }

    private static List<String> fields(String raw) {
        try {
            return GoCsv.firstRecord(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse csv mounts: " + e.getMessage(), e);
        }
    }

    static IllegalArgumentException unexpectedKey(String key, String field) {
        return new IllegalArgumentException(Suggest.wrap("unexpected key '" + key + "' in '" + field + "'", key, KEYS, true));
    }

    static IllegalArgumentException fromVariable() {
        return new IllegalArgumentException("'from' doesn't support variable expansion, define alias stage instead");
    }

    static Type type(String value) {
        for (Type t : Type.values()) if (t.id().equals(value.toLowerCase(Locale.ROOT))) return t;
        throw new IllegalArgumentException(Suggest.wrap("unsupported mount type \"" + value + "\"", value,
                Arrays.stream(Type.values()).map(Type::id).toList(), true));
    }

    static Sharing sharing(String value) {
        for (Sharing s : Sharing.values()) if (s.id().equals(value.toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException(Suggest.wrap("unsupported sharing value \"" + value + "\"", value,
                Arrays.stream(Sharing.values()).map(Sharing::id).toList(), true));
    }

    /** RunMount with its checks (BuildKit {@code validateMount}). */
    static RunMount validated(RunMount m) {
        boolean fileInfo = m.type() == Type.SECRET || m.type() == Type.SSH || m.type() == Type.CACHE;
        String quoted = "\"" + m.type().id() + "\"";
        if (!fileInfo && m.mode() != null) throw new IllegalArgumentException("mode not allowed for " + quoted + " type mounts");
        if (!fileInfo && m.uid() != null) throw new IllegalArgumentException("uid not allowed for " + quoted + " type mounts");
        if (!fileInfo && m.gid() != null) throw new IllegalArgumentException("gid not allowed for " + quoted + " type mounts");
        if (m.env() != null && m.type() != Type.SECRET) throw new IllegalArgumentException("env not allowed for " + quoted + " type mounts");
        if (m.type() == Type.SECRET) {
            if (m.from() != null) throw new IllegalArgumentException("secret mount should not have a from");
            if (m.sharing() != null) throw new IllegalArgumentException("secret mount should not define sharing");
            if (m.source() == null && m.target() == null && m.id() == null && m.env() == null) {
                throw new IllegalArgumentException("invalid secret mount. one of source, target, id or env required");
            }
            if (m.source() != null && m.id() != null) throw new IllegalArgumentException("both source and id can't be set");
        }
        if (m.sharing() != null && m.type() != Type.CACHE) {
            throw new IllegalArgumentException("invalid cache sharing set for " + m.type().id() + " mount");
        }
        return m;
    }
}
