package dev.kiln.plan;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.image.Platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global (meta) ARG scope: the automatic platform ARGs, then the ARGs before the first FROM in order
 * ({@code --build-arg} wins over a default; defaults may use earlier global ARGs; a declaration without
 * value and without --build-arg keeps an automatic value). Used to expand FROM and as the values stage ARGs
 * without default inherit.
 */
public final class GlobalArgs {
    private GlobalArgs() {}

    public static Map<String, String> resolve(List<Arg> metaArgs, Map<String, String> buildArgs, Platform target, WordExpander words) {
        Map<String, String> g = new LinkedHashMap<>(PlatformArgs.of(target, Platform.host()));
        for (Arg a : metaArgs) {
            for (ArgDef d : a.args()) {
                String v = buildArgs.containsKey(d.name()) ? buildArgs.get(d.name())
                        : d.defaultValue() == null ? null : expand(words, a, d.defaultValue(), g);
                if (v != null) g.put(d.name(), v);
            }
        }
        return g;
    }

    private static String expand(WordExpander words, Arg a, String word, Map<String, String> scope) {
        try {
            return words.expand(word, scope);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(a.location(), e.getMessage(), e);
        }
    }
}
