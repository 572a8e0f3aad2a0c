package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.RunMount.Sharing;
import dev.kiln.dockerfile.instructions.RunMount.Type;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kiln.dockerfile.DockerfileParserTest.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RUN --mount: BuildKit's CSV key=value syntax, per-type options and validation. */
class RunMountsTest {

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> RunMounts.parse(spec)).getMessage()
                .replace("invalid --mount=" + spec + ": ", "");
    }

    @Test
    void bindDefaults() {
        RunMount m = RunMounts.parse("target=/src,from=build,source=/out");
        assertEquals(new RunMount(Type.BIND, "build", "/out", "/src", true, false, null, null, null, null, null, 0, null), m);
        assertFalse(RunMounts.parse("type=bind,dst=/x,rw").readOnly());
        assertFalse(RunMounts.parse("type=bind,destination=/x,readwrite=true").readOnly());
        assertTrue(RunMounts.parse("type=BIND,src=a,target=/x,ro=1").readOnly());
        assertEquals("type=bind,source=a,target=/x,ro", RunMounts.parse("Type=bind,SRC=a,Target=/x").spec());
    }

    @Test
    void cacheOptions() {
        RunMount m = RunMounts.parse("type=cache,target=/root/.cache,id=go,sharing=LOCKED,mode=0755,uid=1000,gid=100,from=b,source=/c");
        assertEquals(Type.CACHE, m.type());
        assertEquals(Sharing.LOCKED, m.sharing());
        assertEquals(0755, m.mode());
        assertEquals(1000L, m.uid());
        assertEquals(100L, m.gid());
        assertEquals("go", m.id());
        assertFalse(m.readOnly());
        assertEquals("type=cache,from=b,source=/c,target=/root/.cache,id=go,sharing=locked,mode=0755,uid=1000,gid=100,rw", m.spec());
    }

    @Test
    void tmpfsSecretSsh() {
        assertEquals(64L << 20, RunMounts.parse("type=tmpfs,target=/t,size=64m").sizeLimit());
        assertEquals(1536L << 20, RunMounts.parse("type=tmpfs,target=/t,size=1.5GiB").sizeLimit());
        assertEquals(100, RunMounts.parse("type=tmpfs,target=/t,size=100").sizeLimit());
        RunMount s = RunMounts.parse("type=secret,id=npmrc,target=/root/.npmrc,required,mode=0400,uid=1");
        assertTrue(s.required());
        assertTrue(s.readOnly());
        assertEquals("npmrc", s.id());
        assertEquals("TOKEN", RunMounts.parse("type=secret,id=tok,env=TOKEN").env());
        assertTrue(RunMounts.parse("type=ssh,required=true").required());
        assertNull(RunMounts.parse("type=ssh").target());
    }

    @Test
    void csvQuoting() {
        assertEquals("/a,b", RunMounts.parse("type=bind,\"target=/a,b\"").target());
        assertEquals("/a\"b", RunMounts.parse("\"target=/a\"\"b\"").target());
        assertEquals("failed to parse csv mounts: bare \" in non-quoted-field", error("target=/a\"b"));
        assertEquals("failed to parse csv mounts: extraneous or missing \" in quoted-field", error("\"target=/a"));
        assertEquals("failed to parse csv mounts: EOF", error(""));
    }

    @Test
    void expansionAtDispatch() {
        Map<String, String> env = Map.of("DIR", "/cache", "T", "cache");
        RunMount m = RunMounts.parse("type=$T,target=${DIR}/go", v -> v.replace("$T", env.get("T")).replace("${DIR}", env.get("DIR")));
        assertEquals(Type.CACHE, m.type());
        assertEquals("/cache/go", m.target());
        assertEquals(List.of(m), RunMounts.parseAll(List.of("type=$T,target=${DIR}/go"),
                v -> v.replace("$T", "cache").replace("${DIR}", "/cache")));
    }

    @Test
    void errors() {
        assertEquals("unsupported mount type \"volume\"", error("type=volume,target=/x"));
        assertEquals("unsupported sharing value \"privte\" (did you mean private?)", error("type=cache,target=/x,sharing=privte"));
        assertEquals("unexpected key 'required' for mount type 'bind'", error("type=bind,target=/x,required"));
        assertEquals("unexpected key 'size' for mount type 'cache'", error("type=cache,target=/x,size=1m"));
        assertEquals("invalid field 'source' must be a key=value pair", error("type=cache,source"));
        assertEquals("invalid value for ro: yes", error("target=/x,ro=yes"));
        assertEquals("invalid value 0999 for mode", error("type=cache,target=/x,mode=0999"));
        assertEquals("invalid value -1 for uid", error("type=cache,target=/x,uid=-1"));
        assertEquals("invalid value 4294967296 for gid", error("type=cache,target=/x,gid=4294967296"));
        assertEquals("invalid value for size: lots", error("type=tmpfs,target=/x,size=lots"));
        assertEquals("mode not allowed for \"bind\" type mounts", error("target=/x,mode=0644"));
        assertEquals("uid not allowed for \"tmpfs\" type mounts", error("type=tmpfs,target=/x,uid=1"));
        assertEquals("env not allowed for \"cache\" type mounts", error("type=cache,target=/x,env=A"));
        assertEquals("secret mount should not have a from", error("type=secret,id=a,from=b"));
        assertEquals("secret mount should not define sharing", error("type=secret,id=a,sharing=shared"));
        assertEquals("invalid secret mount. one of source, target, id or env required", error("type=secret"));
        assertEquals("both source and id can't be set", error("type=secret,id=a,source=b"));
        assertEquals("invalid cache sharing set for bind mount", error("type=bind,target=/x,sharing=shared"));
        assertEquals("'from' doesn't support variable expansion, define alias stage instead", error("target=/x,from=$STAGE"));
    }

    @Test
    void checkedAtParseTimeKeptRaw() {
        Run r = (Run) one("RUN --mount=type=cache,target=/c --mount=type=secret,id=x,required true");
        assertEquals(List.of("type=cache,target=/c", "type=secret,id=x,required"), r.mounts());
        // values with variables are checked once expanded; keys and literal from are checked now
        one("RUN --mount=type=$T,target=$DIR,mode=$M true");
        DockerfileException e = assertThrows(DockerfileException.class, () -> one("RUN --mount=type=$T,tagret=/x true"));
        assertEquals("Dockerfile:2: invalid --mount=type=$T,tagret=/x: unexpected key 'tagret' in 'tagret=/x' (did you mean target?)",
                e.getMessage());
        e = assertThrows(DockerfileException.class, () -> one("RUN --mount=from=$S,target=/x true"));
        assertTrue(e.getMessage().endsWith("'from' doesn't support variable expansion, define alias stage instead"), e.getMessage());
        e = assertThrows(DockerfileException.class, () -> one("RUN --mount=type=tmpfs,target=/t,uid=0 true"));
        assertEquals("Dockerfile:2: invalid --mount=type=tmpfs,target=/t,uid=0: uid not allowed for \"tmpfs\" type mounts", e.getMessage());
    }
}
