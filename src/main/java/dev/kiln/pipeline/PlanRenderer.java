package dev.kiln.pipeline;

import dev.kiln.step.GoFormat;
import dev.kiln.step.Step;

import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.RunMount;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Step} as the dry run shows it: what the build will execute, with the words BuildKit expands at
 * dispatch already expanded (COPY/ADD operands and flags, WORKDIR made absolute, USER, EXPOSE as {@code port/proto},
 * VOLUME, STOPSIGNAL, RUN --mount values); ENV, ARG and LABEL as their history text (proxy values hidden);
 * RUN/CMD/ENTRYPOINT commands, HEALTHCHECK, SHELL, ONBUILD and MAINTAINER as written.
 */
final class PlanRenderer {
    private PlanRenderer() {}

    static String render(Step step) {
        return switch (step) {
            case Step.Copy c -> copy(c);
            case Step.Workdir w -> "WORKDIR " + w.path();
            case Step.Run r -> run(r);
            case Step.User u -> "USER " + u.user();
            case Step.StopSignal s -> "STOPSIGNAL " + s.signal();
            case Step.Expose e -> "EXPOSE " + String.join(" ", e.ports());
            case Step.Volume v -> "VOLUME " + String.join(" ", v.paths());
            case Step.Env e -> e.history();
            case Step.Arg a -> a.history();
            case Step.Label l -> l.history();
            case Step.Cmd _, Step.Entrypoint _, Step.Healthcheck _, Step.Shell _, Step.Maintainer _, Step.Onbuild _ ->
                    step.location().original().strip();
        };
    }

    private static String copy(Step.Copy c) {
        StringBuilder sb = new StringBuilder(c.keyword());
        sb.append(opt("--from", c.fromStage())).append(opt("--chown", c.chown())).append(opt("--chmod", c.chmod()))
                .append(flag("--link", c.link())).append(flag("--parents", c.parents()));
        if (c.add()) {
            sb.append(flag("--keep-git-dir", c.keepGitDir())).append(opt("--checksum", c.checksum()))
                    .append(c.unpack() == null ? "" : " --unpack=" + c.unpack());
        }
        for (String p : c.excludes()) sb.append(" --exclude=").append(p);
        for (String s : c.sources()) sb.append(' ').append(s);
        for (Heredoc h : c.heredocs()) sb.append(" <<").append(h.name());
        sb.append(' ').append(c.dest());
        for (Heredoc h : c.heredocs()) sb.append(heredoc(h));
        return sb.toString();
    }

    private static String run(Step.Run r) {
        StringBuilder sb = new StringBuilder("RUN");
        for (RunMount m : r.mounts()) sb.append(" --mount=").append(m.spec());
        if (r.source().network() != null) sb.append(" --network=").append(r.source().network());
        if (r.source().security() != null) sb.append(" --security=").append(r.source().security());
        sb.append(' ').append(command(r.source().command()));
        for (Heredoc h : r.source().heredocs()) sb.append(heredoc(h));
        return sb.toString();
    }

    /** Shell form as written (the shell expands it at run time); exec form as a JSON array. */
    static String command(CommandLine c) {
        if (c.prependShell()) return c.args().isEmpty() ? "" : c.args().getFirst();
        List<String> quoted = new ArrayList<>();
        for (String a : c.args()) quoted.add(GoFormat.quote(a));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static String heredoc(Heredoc h) {
        long lines = h.content().lines().count();
        return " [heredoc " + h.name() + ": " + lines + (lines == 1 ? " line]" : " lines]");
    }

    private static String opt(String name, String value) {
        return value == null ? "" : " " + name + "=" + value;
    }

    private static String flag(String name, boolean on) {
        return on ? " " + name : "";
    }
}
