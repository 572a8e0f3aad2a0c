package dev.kiln.cache;

import dev.kiln.plan.WordExpander;
import dev.kiln.step.CommandSteps;
import dev.kiln.step.StageState;
import dev.kiln.step.WorkdirStep;

import dev.kiln.cache.KeyEncoder;
import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Shell;
import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.fs.LayerPaths;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The layer-cache key of each instruction (documented in docs/cache-keys.md). Keys chain: each is the sha256
 * of a {@link KeyEncoder} encoding of the previous key and what the instruction reads:
 * <ul>
 *   <li>stage start: the manifest digest of the stage's starting image (the base image's layers and config as
 *       the stage inherits them; {@code scratch} is a constant per platform), or the last key of the stage it
 *       is built FROM;</li>
 *   <li>RUN: the argv after SHELL, the whole environment in scope (image ENV and declared ARGs), the declared
 *       build args (they are in the history text), USER, WORKDIR, --network, --security, mounts;</li>
 *   <li>COPY/ADD: keyword, flags, the expanded sources, destination, --chown and --chmod, WORKDIR, and for every
 *       source entry actually read (after .dockerignore, directories walked): its path, type, mode, size, symlink
 *       target and the sha256 of its content (files hashed once per build, streamed);</li>
 *   <li>WORKDIR: the resolved directory and USER (the owner of directories it creates);</li>
 *   <li>every other instruction (no filesystem access): its text and its effect on the config (container
 *       config JSON, author, history text); ARG only its text, so a build arg's value changes only the keys
 *       of instructions that read it.</li>
 * </ul>
 * A {@code null} key means "not cacheable"; every later key of the stage is then null too.
 */
public final class CacheKeys {
    private final WordExpander words;
    private final SourceDigests sources;
    private final Function<String, Digest> stageKey;

    CacheKeys(WordExpander words, SourceDigests sources, Function<String, Digest> stageKey) {
        this.words = words;
        this.sources = sources;
        this.stageKey = stageKey;
    }

    static Digest base(Image start) {
        return new KeyEncoder("base").digest("manifest", start.manifestBlob().descriptor().digest()).finish();
    }

    static Digest fromStage(Digest parentLastKey) {
        return parentLastKey == null ? null : new KeyEncoder("stage").digest("parent", parentLastKey).finish();
    }

    static boolean touchesFilesystem(Instruction in) {
        return in instanceof Run || in instanceof Copy || in instanceof Add || in instanceof Workdir;
    }

    /** The key of RUN, COPY, ADD or WORKDIR, computed before it executes. */
    Digest before(Digest prev, StageState s, Instruction in) throws IOException {
        if (prev == null) return null;
        KeyEncoder k = new KeyEncoder(in.keyword()).digest("prev", prev);
        return switch (in) {
            case Run c -> run(k, s, c);
            case Copy c -> copy(k, s, c);
            case Add c -> add(k, s, c);
            case Workdir c -> k.str("workdir", workdir(s, c)).str("user", s.container().user()).finish();
            case From _, Env _, Arg _, Label _, User _, Expose _, Cmd _, Entrypoint _, Volume _, StopSignal _, Healthcheck _, Shell _, Maintainer _, Onbuild _ ->
                    throw new IllegalArgumentException("not a filesystem instruction: " + in.keyword());
        };
    }

    /** The key of a config-only instruction, computed after it executed (from its effect). */
    static Digest afterMeta(Digest prev, StageState s, Instruction in) {
        if (prev == null) return null;
        KeyEncoder k = new KeyEncoder("meta:" + in.keyword()).digest("prev", prev).str("text", in.location().original());
        if (in instanceof Arg) return k.finish();
        var h = s.config().history();
        return k.str("config", new String(Json.write(s.container()), StandardCharsets.UTF_8))
                .str("author", s.config().author())
                .str("history", h.isEmpty() ? null : h.getLast().createdBy())
                .finish();
    }

    /** The working directory WORKDIR sets (as {@link WorkdirStep}). */
    String workdir(StageState s, Workdir c) {
        return LayerPaths.resolve(cwd(s), words.expand(c.path(), s.scope()));
    }

    private static String cwd(StageState s) {
        String wd = s.container().workingDir();
        return wd == null || wd.isEmpty() ? "/" : wd;
    }

    private Digest run(KeyEncoder k, StageState s, Run c) {
        if (!c.heredocs().isEmpty()) return null;
        return k.strs("argv", CommandSteps.withShell(s, c.command()))
                .map("env", s.scope())
                .map("args", s.declaredArgs())
                .str("user", s.container().user())
                .str("workdir", cwd(s))
                .str("network", c.network())
                .str("security", c.security())
                .strs("mounts", c.mounts())
                .finish();
    }

    private Digest copy(KeyEncoder k, StageState s, Copy c) throws IOException {
        if (c.from() != null) {
            Digest from = stageKey.apply(words.expand(c.from(), s.scope()));
            if (from == null) return null;
            k.digest("from", from);
        }
        k.num("link", c.link() ? 1 : 0).num("parents", c.parents() ? 1 : 0).strs("excludes", c.excludes());
        return common(k, s, c.paths(), c.chown(), c.chmod(), c.from() == null);
    }

    private Digest add(KeyEncoder k, StageState s, Add c) throws IOException {
        k.num("link", c.link() ? 1 : 0).num("parents", c.parents() ? 1 : 0).num("keepGitDir", c.keepGitDir() ? 1 : 0)
                .str("checksum", c.checksum()).str("unpack", String.valueOf(c.unpack())).strs("excludes", c.excludes());
        return common(k, s, c.paths(), c.chown(), c.chmod(), true);
    }

    private Digest common(KeyEncoder k, StageState s, dev.kiln.dockerfile.instructions.SourcesAndDest p,
                          String chown, String chmod, boolean fromContext) throws IOException {
        if (!p.heredocs().isEmpty()) return null;
        List<String> srcs = new ArrayList<>();
        for (String src : p.sources()) srcs.add(words.expand(src, s.scope()));
        k.strs("sources", srcs).str("dest", words.expand(p.dest(), s.scope())).str("workdir", cwd(s))
                .str("chown", chown == null ? null : words.expand(chown, s.scope()))
                .str("chmod", chmod == null ? null : words.expand(chmod, s.scope()));
        if (fromContext && !sources.encode(k, srcs)) return null;
        return k.finish();
    }
}
