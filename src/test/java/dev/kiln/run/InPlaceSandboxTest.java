package dev.kiln.run;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-place command construction, identity and refusal; it never runs a command on this machine's /. */
class InPlaceSandboxTest {
    @TempDir
    Path dir;

    private HostTools tools() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String t : List.of("setsid", "setpriv", "env")) {
            Path p = bin.resolve(t);
            Files.writeString(p, "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
        return new HostTools(List.of(bin));
    }

    @Test
    void switchesUserWithSetprivOnlyWhenNeeded() throws IOException {
        HostTools tools = tools();
        String bin = dir.resolve("bin").toString();
        var nobody = new ResolvedUser("nobody", 65534, 65534, List.of(4321), "/nonexistent");
        var asRoot = new ProcIdentity(0, 0, List.of(0));
        assertEquals(List.of(bin + "/setsid", bin + "/setpriv", "--reuid", "65534", "--regid", "65534", "--groups", "4321",
                "--", "/bin/sh", "-c", "id"), InPlaceSandbox.command(List.of("/bin/sh", "-c", "id"), nobody, asRoot, tools));
        var root = new ResolvedUser("root", 0, 0, List.of(), "/root");
        assertEquals(List.of(bin + "/setsid", bin + "/setpriv", "--reuid", "0", "--regid", "0", "--clear-groups", "--", "ls"),
                InPlaceSandbox.command(List.of("ls"), root, asRoot, tools));
        var already = new ProcIdentity(65534, 65534, List.of(4321));
        assertEquals(List.of(bin + "/setsid", "ls"), InPlaceSandbox.command(List.of("ls"), nobody, already, tools));
        assertEquals(Map.of("A", "1=2", "B", ""), InPlaceSandbox.envMap(List.of("A=1=2", "B=")));
    }

    @Test
    void readsProcStatus() throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\nGroups:\t100 27 \n");
        var id = ProcIdentity.read(status);
        assertEquals(new ProcIdentity(1000, 100, List.of(100, 27)), id);
        assertTrue(id.is(new ResolvedUser("u", 1000, 100, List.of(27, 100), "/")));
    }

    @Test
    void refusesOutsideAContainerAndOffRoot() throws IOException {
        var outside = new ContainerDetector(dir, Map.of());
        var sandbox = new InPlaceSandbox(EventSink.NONE, tools(), outside, false);
        var e = assertThrows(SandboxException.class, () -> sandbox.run(RunSpec.builder(Path.of("/"), List.of("true")).build()));
        assertTrue(e.getMessage().startsWith("refusing in-place RUN"), e.getMessage());
        var notRoot = assertThrows(SandboxException.class, () -> sandbox.run(RunSpec.builder(dir, List.of("true")).build()));
        assertTrue(notRoot.getMessage().contains("runs on / only"), notRoot.getMessage());
        List<Event> events = new ArrayList<>();
        new InPlaceSandbox(events::add, tools(), outside, true).checkAllowed();
        assertEquals(Event.Level.WARN, events.getFirst().level());
    }
}
