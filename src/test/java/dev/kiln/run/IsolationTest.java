package dev.kiln.run;

import dev.kiln.event.EventSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsolationTest {
    @Test
    void parsesCliNames() {
        assertEquals(Isolation.IN_PLACE, Isolation.parse("in-place"));
        assertEquals(Isolation.OCI, Isolation.parse("OCI"));
        assertEquals(Isolation.AUTO, Isolation.parse(""));
        assertEquals("in-place", Isolation.IN_PLACE.cliName());
        var e = assertThrows(IllegalArgumentException.class, () -> Isolation.parse("docker"));
        assertEquals("unknown isolation 'docker' (expected auto, chroot, oci or in-place)", e.getMessage());
        assertEquals(NetworkMode.NONE, NetworkMode.parse("none"));
        assertThrows(IllegalArgumentException.class, () -> NetworkMode.parse("bridge"));
    }

    @Test
    void autoPicksInPlaceOnlyInTheExecutorImageThenOciThenChroot() {
        assertEquals(Isolation.IN_PLACE, SandboxFactory.choose(Isolation.AUTO, true, true));
        assertEquals(Isolation.OCI, SandboxFactory.choose(Isolation.AUTO, false, true));
        assertEquals(Isolation.CHROOT, SandboxFactory.choose(Isolation.AUTO, false, false));
        assertEquals(Isolation.CHROOT, SandboxFactory.choose(Isolation.CHROOT, true, true));
    }

    @Test
    void factoryCreatesTheChosenSandbox(@TempDir Path empty) throws SandboxException {
        HostTools none = new HostTools(List.of(empty));
        var outside = new ContainerDetector(empty, Map.of());
        assertInstanceOf(ChrootSandbox.class, new SandboxFactory(EventSink.NONE, none, outside, false).create(Isolation.AUTO));
        var executor = new ContainerDetector(empty, Map.of(ContainerDetector.EXECUTOR_IMAGE_ENV, "1"));
        assertInstanceOf(InPlaceSandbox.class, new SandboxFactory(EventSink.NONE, none, executor, false).create(Isolation.AUTO));
        var e = assertThrows(SandboxException.class, () -> new SandboxFactory(EventSink.NONE, none, outside, false).create(Isolation.OCI));
        assertEquals(true, e.getMessage().contains("runc or crun"));
    }
}
