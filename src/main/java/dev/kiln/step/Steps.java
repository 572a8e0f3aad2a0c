package dev.kiln.step;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.BuildException;
import dev.kiln.plan.WordExpander;

import dev.kiln.dockerfile.RunMounts;
import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.SourcesAndDest;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.fs.LayerPaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one dispatch: resolves an instruction, from the state of its stage just before it, into a {@link Step}
 * (BuildKit expands each command once at dispatch, with the stage's env and ARGs). This is the only {@code switch}
 * over {@link Instruction}; it reads the state and never changes it. Invalid input is a {@link BuildException}
 * naming the line.
 */
public final class Steps {
    private final WordExpander words;
    private final BuildArgs args;

    public Steps(WordExpander words, BuildArgs args) {
        this.words = words;
        this.args = args;
    }

    public Step resolve(Instruction in, StageState s) {
        try {
            return switch (in) {
                case Run c -> run(c, s);
                case Copy c -> copy(c, s);
                case Add c -> add(c, s);
                case Workdir c -> new Step.Workdir(c, LayerPaths.resolve(workdir(s), expand(c.path(), s)), s.container().user());
                case Env c -> env(c, s);
                case Arg c -> arg(c, s);
                case Label c -> new Step.Label(c, expandPairs(c.labels(), s.scope()));
                case User c -> user(c, s);
                case Expose c -> expose(c, s);
                case Volume c -> volume(c, s);
                case StopSignal c -> stopSignal(c, s);
                case Maintainer c -> new Step.Maintainer(c, c.maintainer());
                case Onbuild c -> new Step.Onbuild(c, c.expression());
                // CMD, ENTRYPOINT, SHELL and HEALTHCHECK are never expanded (as in BuildKit)
                case Cmd c -> new Step.Cmd(c, Step.withShell(s.container().shell(), c.command()));
                case Entrypoint c -> new Step.Entrypoint(c, Step.withShell(s.container().shell(), c.command()));
                case Shell c -> new Step.Shell(c, c.shell());
                case Healthcheck c -> new Step.Healthcheck(c, new dev.kiln.image.Healthcheck(c.test(), c.intervalNanos(),
                        c.timeoutNanos(), c.startPeriodNanos(), c.startIntervalNanos(), c.retries()));
                case From c -> throw BuildException.at(c.location(), "unexpected FROM inside a stage");
            };
        } catch (IllegalArgumentException e) {
            throw BuildException.at(in.location(), e.getMessage(), e);
        }
    }

    /** The working directory before the instruction ({@code /} when the image sets none). */
    static String workdir(StageState s) {
        String wd = s.container().workingDir();
        return wd == null || wd.isEmpty() ? "/" : wd;
    }

    private String expand(String word, StageState s) {
        return words.expand(word, s.scope());
    }

    private String expandOrNull(String word, StageState s) {
        return word == null ? null : expand(word, s);
    }

    private List<String> expandAll(List<String> list, StageState s) {
        List<String> out = new ArrayList<>();
        for (String w : list) out.add(expand(w, s));
        return out;
    }

    private Step.Run run(Run c, StageState s) {
        List<String> shell = s.container().shell() == null || s.container().shell().isEmpty()
                ? Step.DEFAULT_SHELL : s.container().shell();
        return new Step.Run(c, shell, RunMounts.parseAll(c.mounts(), v -> expand(v, s)), workdir(s),
                s.container().user(), s.scope(), s.declaredArgs());
    }

    private Step.Copy copy(Copy c, StageState s) {
        return copyOrAdd(c, false, c.paths(), c.from(), c.chown(), c.chmod(), c.excludes(), c.link(), c.parents(), null,
                null, false, s);
    }

    private Step.Copy add(Add c, StageState s) {
        return copyOrAdd(c, true, c.paths(), null, c.chown(), c.chmod(), c.excludes(), c.link(), c.parents(), c.unpack(),
                c.checksum(), c.keepGitDir(), s);
    }

    private Step.Copy copyOrAdd(Instruction in, boolean add, SourcesAndDest p, String from, String chown, String chmod,
                                List<String> excludes, boolean link, boolean parents, Boolean unpack, String checksum,
                                boolean keepGitDir, StageState s) {
        String dest = expand(p.dest(), s);
        String chownText = expandOrNull(chown, s);
        String chmodText = expandOrNull(chmod, s);
        ChmodSpec spec = chmodText == null ? null : ChmodSpec.parse(chmodText);
        return new Step.Copy(in, add, from, expandOrNull(from, s), expandAll(p.sources(), s), p.heredocs(), dest,
                workdir(s), chownText, chmodText, spec, expandAll(excludes, s), excludes, link, parents, unpack,
                expandOrNull(checksum, s), checksum, keepGitDir, s.scope());
    }

    /** Every key and value expands with the variables from before the line: {@code ENV a=two b=$a} gives b the old a. */
    private Step.Env env(Env c, StageState s) {
        return new Step.Env(c, expandPairs(c.vars(), new HashMap<>(s.scope())));
    }

    private List<KeyValue> expandPairs(List<KeyValue> kvs, Map<String, String> scope) {
        List<KeyValue> out = new ArrayList<>();
        for (KeyValue kv : kvs) out.add(new KeyValue(words.expand(kv.key(), scope), words.expand(kv.value(), scope)));
        return out;
    }

    /**
     * A value from --build-arg wins over the default; an ARG without default inherits the global ARG of the same
     * name; defaults expand with the stage's variables, including the ARGs declared before them on the same line.
     */
    private Step.Arg arg(Arg c, StageState s) {
        Map<String, String> scope = new HashMap<>(s.scope());
        Map<String, String> env = s.container().envMap();
        List<Step.ArgValue> values = new ArrayList<>();
        for (ArgDef a : c.args()) {
            String name = a.name();
            String value;
            if (args.cli().containsKey(name)) value = args.cli().get(name);
            else if (a.defaultValue() != null) value = words.expand(a.defaultValue(), scope);
            else value = args.global().get(name);
            if (value != null && !env.containsKey(name)) scope.put(name, value);
            values.add(new Step.ArgValue(name, value));
        }
        return new Step.Arg(c, values);
    }

    private Step.User user(User c, StageState s) {
        String u = expand(c.user(), s);
        if (u.isEmpty()) throw BuildException.at(c.location(), "USER requires a user name or id");
        return new Step.User(c, u);
    }

    private Step.Expose expose(Expose c, StageState s) {
        List<String> ports = new ArrayList<>();
        for (String p : c.ports()) {
            for (String w : words.expandWords(p, s.scope())) ports.addAll(Ports.parse(w, c.location()));
        }
        return new Step.Expose(c, ports);
    }

    private Step.Volume volume(Volume c, StageState s) {
        List<String> vols = new ArrayList<>();
        for (String v : c.paths()) {
            String e = expand(v, s);
            if (e.isEmpty()) throw BuildException.at(c.location(), "VOLUME specified can not be an empty string");
            vols.add(e);
        }
        return new Step.Volume(c, vols);
    }

    private Step.StopSignal stopSignal(StopSignal c, StageState s) {
        String sig = expand(c.signal(), s);
        if (!Signals.valid(sig)) throw BuildException.at(c.location(), "invalid signal: " + sig);
        return new Step.StopSignal(c, sig);
    }
}
