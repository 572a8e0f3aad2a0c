package dev.kiln.step;

import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.SourceLocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instruction resolved once, from the stage state, by {@link Steps#resolve}: words expanded, WORKDIR applied,
 * flags parsed and checked. The build executes steps, the cache hashes them and the dry run prints them; none of
 * them expands a word again.
 */
public sealed interface Step permits Step.Run, Step.Copy, Step.Workdir, Step.Config {
    /** The instruction this step was resolved from: its line, keyword and text. */
    Instruction source();

    default SourceLocation location() {
        return source().location();
    }

    /** RUN: the command (heredocs are written at execution), in the stage's shell, environment, user and directory. */
    record Run(dev.kiln.dockerfile.instructions.Run source, List<String> shell, List<RunMount> mounts, String workdir,
               String user, Map<String, String> env, Map<String, String> buildArgs) implements Step {
        public Run {
            shell = List.copyOf(shell);
            mounts = List.copyOf(mounts);
            env = frozen(env);
            buildArgs = frozen(buildArgs);
        }

        /** The argv of {@code command} (the RUN's, or the one its heredocs became): shell form gets the shell. */
        public List<String> argv(CommandLine command) {
            return withShell(shell, command);
        }
    }

    /**
     * COPY or ADD: sources, destination and flags expanded. {@code from} is the {@code --from} value as written
     * (the built stages resolve it with the global ARGs, as BuildKit); {@code fromStage} is it expanded with the
     * stage's scope (the stage whose last cache key chains in). {@code writtenExcludes}/{@code writtenChecksum}
     * are the flags as written, which the cache key hashes (docs/cache-keys.md).
     */
    record Copy(Instruction source, boolean add, String from, String fromStage, List<String> sources,
                List<Heredoc> heredocs, String dest, String workdir, String chown, String chmod, ChmodSpec chmodSpec,
                List<String> excludes, List<String> writtenExcludes, boolean link, boolean parents, Boolean unpack,
                String checksum, String writtenChecksum, boolean keepGitDir, Map<String, String> scope) implements Step {
        public Copy {
            sources = List.copyOf(sources);
            heredocs = List.copyOf(heredocs);
            excludes = List.copyOf(excludes);
            writtenExcludes = List.copyOf(writtenExcludes);
            scope = frozen(scope);
        }

        public String keyword() {
            return add ? "ADD" : "COPY";
        }
    }

    /** WORKDIR: the absolute directory, created (if missing) owned by {@code user}. */
    record Workdir(Instruction source, String path, String user) implements Step {}

    /** The steps that change only the image config: no layer, no filesystem. */
    sealed interface Config extends Step permits Env, Arg, Label, User, Expose, Volume, StopSignal, Maintainer, Onbuild,
            Cmd, Entrypoint, Shell, Healthcheck {
        /** The history text BuildKit records for it (without timestamps); null when it records none (ONBUILD). */
        String history();
    }

    record Env(Instruction source, List<KeyValue> vars) implements Config {
        public Env { vars = List.copyOf(vars); }

        public String history() { return "ENV" + pairs(vars); }
    }

    /** One declared ARG and its value (null: none). */
    record ArgValue(String name, String value) {}

    record Arg(Instruction source, List<ArgValue> values) implements Config {
        public Arg { values = List.copyOf(values); }

        /** Proxy values stay out of the history (and out of the dry run). */
        public String history() {
            List<String> parts = new ArrayList<>();
            for (ArgValue a : values) parts.add(a.value() == null || ProxyArgs.isProxy(a.name()) ? a.name() : a.name() + "=" + a.value());
            return "ARG " + String.join(" ", parts);
        }
    }

    record Label(Instruction source, List<KeyValue> labels) implements Config {
        public Label { labels = List.copyOf(labels); }

        public String history() { return "LABEL" + pairs(labels); }
    }

    record User(Instruction source, String user) implements Config {
        public String history() { return "USER " + user; }
    }

    /** EXPOSE: ports as {@code port/proto}, ranges spread. */
    record Expose(Instruction source, List<String> ports) implements Config {
        public Expose { ports = List.copyOf(ports); }

        public String history() { return "EXPOSE " + GoFormat.plainList(ports); }
    }

    record Volume(Instruction source, List<String> paths) implements Config {
        public Volume { paths = List.copyOf(paths); }

        public String history() { return "VOLUME " + GoFormat.plainList(paths); }
    }

    record StopSignal(Instruction source, String signal) implements Config {
        public String history() { return "STOPSIGNAL " + signal; }
    }

    record Maintainer(Instruction source, String maintainer) implements Config {
        public String history() { return "MAINTAINER " + maintainer; }
    }

    /** ONBUILD: the trigger for images built FROM this one; no history. */
    record Onbuild(Instruction source, String expression) implements Config {
        public String history() { return null; }
    }

    record Cmd(Instruction source, List<String> argv) implements Config {
        public Cmd { argv = List.copyOf(argv); }

        public String history() { return "CMD " + GoFormat.quotedList(argv); }
    }

    record Entrypoint(Instruction source, List<String> argv) implements Config {
        public Entrypoint { argv = List.copyOf(argv); }

        public String history() { return "ENTRYPOINT " + GoFormat.quotedList(argv); }
    }

    record Shell(Instruction source, List<String> shell) implements Config {
        public Shell { shell = List.copyOf(shell); }

        public String history() { return "SHELL " + GoFormat.plainList(shell); }
    }

    record Healthcheck(Instruction source, dev.kiln.image.Healthcheck check) implements Config {
        public String history() {
            return "HEALTHCHECK {Test:" + GoFormat.plainList(check.test())
                    + " Interval:" + GoFormat.duration(check.interval())
                    + " Timeout:" + GoFormat.duration(check.timeout())
                    + " StartPeriod:" + GoFormat.duration(check.startPeriod())
                    + " StartInterval:" + GoFormat.duration(check.startInterval())
                    + " Retries:" + check.retries() + "}";
        }
    }

    /** The shell RUN, CMD and ENTRYPOINT use when the image sets none. */
    List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    /** Exec form as is; shell form as {@code shell… "the command line"}. */
    static List<String> withShell(List<String> shell, CommandLine c) {
        if (!c.prependShell()) return c.args();
        List<String> out = new ArrayList<>(shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell);
        out.add(String.join(" ", c.args()));
        return out;
    }

    private static String pairs(List<KeyValue> kvs) {
        StringBuilder sb = new StringBuilder();
        for (KeyValue kv : kvs) sb.append(' ').append(kv.key()).append('=').append(kv.value());
        return sb.toString();
    }

    /** An unmodifiable copy that keeps the order and null values (declared ARGs without a value). */
    private static Map<String, String> frozen(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
