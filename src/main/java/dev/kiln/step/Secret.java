package dev.kiln.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A build secret ({@code --secret id=ID,src=FILE} or {@code --secret id=ID,env=VAR}, as BuildKit). A file's value is
 * read only when a RUN mounts it (an env value when the flag is parsed) and is never logged: {@link #toString()} names the id only.
 */
public record Secret(String id, Path file, byte[] envValue) {
    public Secret {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) throw new IllegalArgumentException("secret id must not be empty");
        if ((file == null) == (envValue == null)) throw new IllegalArgumentException("secret " + id + " needs exactly one of src= or env=");
    }

    /** Parses {@code id=ID[,src=FILE|,source=FILE|,env=VAR][,type=file|env]}; without src/env, env {@code ID} if set, else file {@code ID}. */
    public static Secret parse(String spec, Map<String, String> environment) {
        String id = null;
        String src = null;
        String env = null;
        String type = null;
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("invalid --secret " + spec + ": expected key=value fields");
            String k = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            switch (k) {
                case "id" -> id = v;
                case "src", "source" -> src = v;
                case "env" -> env = v;
                case "type" -> {
                    if (!v.equals("file") && !v.equals("env")) throw new IllegalArgumentException("invalid --secret " + spec + ": type must be file or env");
                    type = v;
                }
                default -> throw new IllegalArgumentException("invalid --secret " + spec + ": unknown key " + k);
            }
        }
        if (id == null) throw new IllegalArgumentException("invalid --secret " + spec + ": id= is required");
        if ("env".equals(type) && src != null && env == null) {   // Kaniko (osscontainertools): type=env,src=VAR
            env = src;
            src = null;
        }
        if (src == null && env == null) {
            if (environment.containsKey(id)) env = id; else src = id;
        }
        if (env != null) {
            String v = environment.get(env);
            if (v == null) throw new IllegalArgumentException("secret " + id + ": environment variable " + env + " is not set");
            return new Secret(id, null, v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Secret(id, Path.of(src), null);
    }

    /** The secret's bytes (read now). */
    byte[] value() throws IOException {
        if (file != null) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IOException("cannot read secret " + id + " from " + file + ": " + e.getClass().getSimpleName(), e);
            }
        }
        return envValue.clone();
    }

    @Override
    public String toString() {
        return "Secret[" + id + "]";
    }
}
