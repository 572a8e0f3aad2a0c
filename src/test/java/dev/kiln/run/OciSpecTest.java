package dev.kiln.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciSpecTest {
    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    @Test
    void processUserMountsAndNamespaces() {
        RunSpec spec = RunSpec.builder(Path.of("/r"), List.of("/bin/sh", "-c", "make"))
                .env("A=1").workdir("/src").hostname("box").network(NetworkMode.NONE)
                .mount(new BindMount(Path.of("/host/cache"), "/root/.cache", false)).build();
        var user = new ResolvedUser("app", 1000, 1000, List.of(10, 999), "/home/app");
        JsonNode c = OciSpec.build(Path.of("/r"), spec, user, List.of("A=1", "PATH=/bin"), Path.of("/b/hosts"), Path.of("/etc/resolv.conf"));
        assertEquals(List.of("/bin/sh", "-c", "make"), texts(c.at("/process/args"), null));
        assertEquals(List.of("A=1", "PATH=/bin"), texts(c.at("/process/env"), null));
        assertEquals("/src", c.at("/process/cwd").asText());
        assertEquals(1000, c.at("/process/user/uid").asInt());
        assertEquals(List.of("10", "999"), texts(c.at("/process/user/additionalGids"), null));
        assertEquals(OciDefaults.CAPABILITIES, texts(c.at("/process/capabilities/bounding"), null));
        assertFalse(c.at("/process/noNewPrivileges").asBoolean());
        assertEquals("RLIMIT_NOFILE", c.at("/process/rlimits/0/type").asText());
        assertEquals("/r", c.at("/root/path").asText());
        assertFalse(c.at("/root/readonly").asBoolean());
        assertEquals("box", c.at("/hostname").asText());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/etc/resolv.conf",
                "/etc/hosts", "/root/.cache"), texts(c.at("/mounts"), "destination"));
        assertEquals("/host/cache", c.at("/mounts/8/source").asText());
        assertTrue(texts(c.at("/mounts/5/options"), null).contains("ro"));
        assertEquals(List.of("pid", "mount", "ipc", "uts", "network"), texts(c.at("/linux/namespaces"), "type"));
        assertEquals(OciDefaults.MASKED_PATHS, texts(c.at("/linux/maskedPaths"), null));
        assertEquals(OciDefaults.READONLY_PATHS, texts(c.at("/linux/readonlyPaths"), null));
    }

    @Test
    void defaultNetworkSharesTheHostsAndNoHostnameIsOmitted() {
        RunSpec spec = RunSpec.builder(Path.of("/r"), List.of("true")).build();
        JsonNode c = OciSpec.build(Path.of("/r"), spec, ResolvedUser.ROOT, List.of(), Path.of("/b/hosts"), null);
        assertEquals(List.of("pid", "mount", "ipc", "uts"), texts(c.at("/linux/namespaces"), "type"));
        assertTrue(c.at("/hostname").isMissingNode());
        assertTrue(c.at("/process/user/additionalGids").isMissingNode());
        assertFalse(texts(c.at("/mounts"), "destination").contains("/etc/resolv.conf"));
    }
}
