package dev.kiln.pipeline;

import dev.kiln.plan.WordExpander;
import dev.kiln.step.GoFormat;

import dev.kiln.dockerfile.RunMounts;
import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.SourcesAndDest;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Workdir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instruction as the plan shows it: the words BuildKit expands at dispatch (COPY/ADD operands and flags,
 * WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, RUN --mount values) expanded with the stage's scope; everything
 * else (RUN/CMD/ENTRYPOINT commands, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER) as written.
 */
public record PlanRenderer(WordExpander words) {

    String render(Instruction in, Map<String, String> scope) {
        return switch (in) {
            case Copy c -> "COPY" + opt("--from", c.from(), scope) + opt("--chown", c.chown(), scope)
                    + opt("--chmod", c.chmod(), scope) + flag("--link", c.link()) + flag("--parents", c.parents())
                    + excludes(c.excludes(), scope) + operands(c.paths(), scope);
            case Add a -> "ADD" + opt("--chown", a.chown(), scope) + opt("--chmod", a.chmod(), scope)
                    + flag("--link", a.link()) + flag("--parents", a.parents()) + flag("--keep-git-dir", a.keepGitDir())
                    + opt("--checksum", a.checksum(), scope) + (a.unpack() == null ? "" : " --unpack=" + a.unpack())
                    + excludes(a.excludes(), scope) + operands(a.paths(), scope);
            case Workdir w -> "WORKDIR " + words.expand(w.path(), scope);
            case User u -> "USER " + words.expand(u.user(), scope);
            case StopSignal s -> "STOPSIGNAL " + words.expand(s.signal(), scope);
            case Expose e -> "EXPOSE " + String.join(" ", expandEach(e.ports(), scope));
            case Volume v -> "VOLUME " + String.join(" ", v.paths().stream().map(p -> words.expand(p, scope)).toList());
            case Run r -> run(r, scope);
            case From _, Env _, Arg _, Label _, Cmd _, Entrypoint _, Healthcheck _, Shell _, Maintainer _, Onbuild _ ->
                    in.location().original().strip();
        };
    }

    private String run(Run r, Map<String, String> scope) {
        StringBuilder sb = new StringBuilder("RUN");
        for (String m : r.mounts()) sb.append(" --mount=").append(RunMounts.parse(m, v -> words.expand(v, scope)).spec());
        if (r.network() != null) sb.append(" --network=").append(r.network());
        if (r.security() != null) sb.append(" --security=").append(r.security());
        sb.append(' ').append(command(r.command()));
        for (Heredoc h : r.heredocs()) sb.append(heredoc(h));
        return sb.toString();
    }

    /** Shell form as written (the shell expands it at run time); exec form as a JSON array. */
    static String command(CommandLine c) {
        if (c.prependShell()) return c.args().isEmpty() ? "" : c.args().getFirst();
        List<String> quoted = new ArrayList<>();
        for (String a : c.args()) quoted.add(GoFormat.quote(a));
        return "[" + String.join(", ", quoted) + "]";
    }

    private String operands(SourcesAndDest p, Map<String, String> scope) {
        StringBuilder sb = new StringBuilder();
        for (String s : p.sources()) sb.append(' ').append(words.expand(s, scope));
        for (Heredoc h : p.heredocs()) sb.append(" <<").append(h.name());
        sb.append(' ').append(words.expand(p.dest(), scope));
        for (Heredoc h : p.heredocs()) sb.append(heredoc(h));
        return sb.toString();
    }

    private static String heredoc(Heredoc h) {
        long lines = h.content().lines().count();
        return " [heredoc " + h.name() + ": " + lines + (lines == 1 ? " line]" : " lines]");
    }

    private String opt(String name, String value, Map<String, String> scope) {
        return value == null ? "" : " " + name + "=" + words.expand(value, scope);
    }

    private static String flag(String name, boolean on) {
        return on ? " " + name : "";
    }

    private String excludes(List<String> patterns, Map<String, String> scope) {
        StringBuilder sb = new StringBuilder();
        for (String p : patterns) sb.append(" --exclude=").append(words.expand(p, scope));
        return sb.toString();
    }

    private List<String> expandEach(List<String> list, Map<String, String> scope) {
        List<String> out = new ArrayList<>();
        for (String w : list) out.addAll(words.expandWords(w, scope));
        return out;
    }
}
