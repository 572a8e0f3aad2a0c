package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.instructions.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's build check {@code SecretsUsedInArgOrEnv}: an ARG or ENV whose name looks like it holds a secret
 * ({@code DB_PASSWORD}, {@code AWS_SECRET_ACCESS_KEY}, {@code GITHUB_TOKEN}) puts that value into the image config or
 * its history. A name looks secret when one of its underscore-separated words is a secret word and none is an
 * allowed word ({@code PUBLIC_KEY}, {@code TOKEN_FILE}, {@code KEY_VERSION} are fine), case-insensitively, as BuildKit
 * decides. {@code # check=skip=SecretsUsedInArgOrEnv} (or {@code skip=all}) turns it off, as in BuildKit.
 */
public final class SecretNames {
    public static final String RULE = "SecretsUsedInArgOrEnv";
    static final String URL = "https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/";
    private static final Set<String> SECRET_WORDS = Set.of("apikey", "auth", "credential", "credentials", "key", "password",
            "pword", "passwd", "secret", "token");
    private static final Set<String> ALLOWED_WORDS = Set.of("public", "file", "version");

    private SecretNames() {}

    /** One warning: where, and the text to show after the location. */
    public record Finding(SourceLocation location, String message) {}

    /** Whether a variable name looks like it holds a secret. */
    public static boolean looksSecret(String name) {
        boolean secret = false;
        for (String word : name.toLowerCase(Locale.ROOT).split("_", -1)) {
            if (ALLOWED_WORDS.contains(word)) return false;
            secret |= SECRET_WORDS.contains(word);
        }
        return secret;
    }

    /** The findings of every ARG (before the first FROM too) and ENV of every stage, in file order. */
    public static List<Finding> check(Dockerfile df) {
        List<Finding> out = new ArrayList<>();
        if (skipped(df.directives().get("check"))) return out;
        for (Arg a : df.metaArgs()) arg(a, out);
        for (Stage s : df.stages()) {
            for (Instruction in : s.instructions()) {
                if (in instanceof Arg a) arg(a, out);
                if (in instanceof Env e) for (KeyValue kv : e.vars()) add(e.location(), "ENV", kv.key(), out);
            }
        }
        return out;
    }

    private static void arg(Arg a, List<Finding> out) {
        for (ArgDef d : a.args()) add(a.location(), "ARG", d.name(), out);
    }

    private static void add(SourceLocation loc, String instruction, String name, List<Finding> out) {
        if (!looksSecret(name)) return;
        out.add(new Finding(loc, RULE + ": Do not use ARG or ENV instructions for sensitive data (" + instruction + " \"" + name
                + "\"): the value stays in the image's config or history; pass it with --secret and RUN --mount=type=secret ("
                + URL + ")"));
    }

    /** {@code # check=skip=A,B;error=true}: whether this rule is skipped. */
    static boolean skipped(String directive) {
        if (directive == null) return false;
        for (String part : directive.split(";")) {
            String p = part.strip();
            if (!p.toLowerCase(Locale.ROOT).startsWith("skip=")) continue;
            for (String rule : p.substring(5).split(",")) {
                String r = rule.strip();
                if (r.equalsIgnoreCase("all") || r.equals(RULE)) return true;
            }
        }
        return false;
    }
}
