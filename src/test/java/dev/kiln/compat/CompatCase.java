package dev.kiln.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Dockerfile of compat/cases: {@code NAME.Dockerfile} (built by kiln and buildah, compared) or
 * {@code NAME.selfcheck.Dockerfile} (built by kiln only; its RUNs check the result). A first line
 * {@code # compat-args: ARGS} adds build flags for both builders ({@code $URL_BASE}, {@code $SECRET_FILE} replaced).
 */
record CompatCase(String name, Path dockerfile, boolean selfCheck, List<String> args) {
    static List<CompatCase> all(Path dir, Map<String, String> vars) {
        try (Stream<Path> s = Files.list(dir)) {
            List<CompatCase> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (!f.endsWith(".Dockerfile")) continue;
                boolean self = f.endsWith(".selfcheck.Dockerfile");
                String name = f.substring(0, f.length() - (self ? ".selfcheck.Dockerfile" : ".Dockerfile").length());
                out.add(new CompatCase(name, p, self, args(p, vars)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> args(Path df, Map<String, String> vars) throws IOException {
        String first = Files.readAllLines(df).stream().findFirst().orElse("");
        String prefix = "# compat-args:";
        if (!first.startsWith(prefix)) return List.of();
        String line = first.substring(prefix.length()).strip();
        for (var e : vars.entrySet()) line = line.replace("$" + e.getKey(), e.getValue());
        return Arrays.asList(line.split("\\s+"));
    }

    @Override
    public String toString() {
        return name + (selfCheck ? " (self-checking)" : "");
    }
}
