package dev.kiln.cache;

import dev.kiln.step.Step;
import dev.kiln.step.StageState;

import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The layer-cache key of each {@link Step} (documented in docs/cache-keys.md): it hashes the resolved step, never
 * the instruction again. Keys chain: each is the sha256
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
    private final SourceDigests sources;
    private final Function<String, Digest> stageKey;

    CacheKeys(SourceDigests sources, Function<String, Digest> stageKey) {
        this.sources = sources;
        this.stageKey = stageKey;
    }

    static Digest base(Image start) {
        return new KeyEncoder("base").digest("manifest", start.manifestBlob().descriptor().digest()).finish();
    }

    static Digest fromStage(Digest parentLastKey) {
        return parentLastKey == null ? null : new KeyEncoder("stage").digest("parent", parentLastKey).finish();
    }

    /** The key of RUN, COPY, ADD or WORKDIR, computed before it executes (null: not cacheable). */
    Digest before(Digest prev, Step step) throws IOException {
        if (prev == null) return null;
        KeyEncoder k = new KeyEncoder(step.source().keyword()).digest("prev", prev);
        return switch (step) {
            case Step.Run c -> run(k, c);
            case Step.Copy c -> copy(k, c);
            case Step.Workdir c -> k.str("workdir", c.path()).str("user", c.user()).finish();
            case Step.Config c -> throw new IllegalArgumentException("not a filesystem step: " + c.source().keyword());
        };
    }

    /** The key of a config-only step, computed after it was applied to {@code s} (from its effect). */
    static Digest afterMeta(Digest prev, StageState s, Step.Config step) {
        if (prev == null) return null;
        KeyEncoder k = new KeyEncoder("meta:" + step.source().keyword()).digest("prev", prev)
                .str("text", step.location().original());
        if (step instanceof Step.Arg) return k.finish();
        var h = s.config().history();
        return k.str("config", new String(Json.write(s.container()), StandardCharsets.UTF_8))
                .str("author", s.config().author())
                .str("history", h.isEmpty() ? null : h.getLast().createdBy())
                .finish();
    }

    private static Digest run(KeyEncoder k, Step.Run c) {
        if (!c.source().heredocs().isEmpty()) return null;
        return k.strs("argv", c.argv(c.source().command()))
                .map("env", c.env())
                .map("args", c.buildArgs())
                .str("user", c.user())
                .str("workdir", c.workdir())
                .str("network", c.source().network())
                .str("security", c.source().security())
                .strs("mounts", c.source().mounts())
                .finish();
    }

    private Digest copy(KeyEncoder k, Step.Copy c) throws IOException {
        if (c.add()) {
            k.num("link", c.link() ? 1 : 0).num("parents", c.parents() ? 1 : 0).num("keepGitDir", c.keepGitDir() ? 1 : 0)
                    .str("checksum", c.writtenChecksum()).str("unpack", String.valueOf(c.unpack()))
                    .strs("excludes", c.writtenExcludes());
            if (!java.util.Objects.equals(c.checksum(), c.writtenChecksum())) k.str("checksumExpanded", c.checksum());
        } else {
            if (c.from() != null) {
                Digest from = stageKey.apply(c.fromStage());
                if (from == null) return null;
                k.digest("from", from);
            }
            k.num("link", c.link() ? 1 : 0).num("parents", c.parents() ? 1 : 0).strs("excludes", c.writtenExcludes());
        }
        // values that came from variables (a --build-arg may change them while the text stays); only then, so the
        // keys of steps without variables stay what they were (CacheKeysGoldenTest)
        if (!c.excludes().equals(c.writtenExcludes())) k.strs("excludesExpanded", c.excludes());
        if (!c.heredocs().isEmpty()) return null;
        k.strs("sources", c.sources()).str("dest", c.dest()).str("workdir", c.workdir())
                .str("chown", c.chown()).str("chmod", c.chmod());
        if (c.from() == null && !sources.encode(k, c.sources())) return null;
        return k.finish();
    }
}
