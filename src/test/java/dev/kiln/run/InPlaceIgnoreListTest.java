package dev.kiln.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InPlaceIgnoreListTest {
    @Test
    void kilnDirMountPointsHostsResolvVarRunAndExtras(@TempDir Path dir) throws IOException {
        Path mountinfo = dir.resolve("mountinfo");
        Files.writeString(mountinfo, """
                22 1 0:52 / / rw,relatime - overlay overlay rw
                23 22 0:21 / /proc rw,nosuid - proc proc rw
                24 22 0:6 / /dev rw - tmpfs tmpfs rw
                25 22 254:0 /vol /var/run/secrets/kubernetes.io/serviceaccount ro - ext4 /dev/vda ro
                26 22 254:0 /x /data\\040dir rw - ext4 /dev/vda rw
                """);
        List<Path> ignore = InPlaceIgnoreList.of(Path.of("/kiln"), mountinfo, true, List.of(Path.of("/cache/../cache2")));
        assertEquals(List.of(Path.of("/kiln"), Path.of("/proc"), Path.of("/dev"),
                Path.of("/var/run/secrets/kubernetes.io/serviceaccount"), Path.of("/data dir"),
                Path.of("/etc/hosts"), Path.of("/etc/resolv.conf"), Path.of("/var/run"), Path.of("/cache2")), ignore);
        List<Path> noVarRun = InPlaceIgnoreList.of(null, mountinfo, false, List.of(Path.of("/proc")));
        assertEquals(List.of(Path.of("/proc"), Path.of("/dev"), Path.of("/var/run/secrets/kubernetes.io/serviceaccount"),
                Path.of("/data dir"), Path.of("/etc/hosts"), Path.of("/etc/resolv.conf")), noVarRun);
    }
}
