package dev.kiln.cli;

import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The Debian acceptance: apt-get install in RUN, useradd + USER, a file capability, run under runc. */
class DebianRunTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "--isolation {0}")
    @ValueSource(strings = {"chroot", "oci"})
    void aptGetInstallUseraddAndCapabilities(String isolation) throws Exception {
        String reg = TestEnv.registry();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM %s/debian:bookworm
                RUN apt-get update && apt-get install -y --no-install-recommends hello libcap2-bin \\
                    && setcap cap_net_bind_service+ep /usr/bin/hello && rm -rf /var/lib/apt/lists/*
                RUN useradd -u 1500 -m app && rm -rf /usr/share/doc
                USER app
                RUN id -u > /home/app/uid
                CMD ["hello"]
                """.formatted(reg));
        String dest = reg + "/test/debian-run-" + isolation + ":1";
        ToolResult r = Kiln.run("build", "-c", ctx.toString(), "-d", dest, "--insecure", "--insecure-pull", "--isolation", isolation);
        assertEquals(0, r.exitCode(), r.toString());

        ToolResult run = Tools.runImage(dest);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Hello, world!\n", run.stdout());
        ToolResult check = Tools.runImage(dest, "sh", "-c",
                "cat /home/app/uid; stat -c '%u' /home/app/uid; id -un; getcap /usr/bin/hello; ls /usr/share/doc 2>&1 | wc -l");
        assertEquals(0, check.exitCode(), check.toString());
        String[] lines = check.stdout().split("\n");
        assertEquals("1500", lines[0]);
        assertEquals("1500", lines[1]);
        assertEquals("app", lines[2]);
        assertTrue(lines[3].contains("cap_net_bind_service") && lines[3].contains("ep"), "file capability survives: " + check.stdout());
        assertEquals("1", lines[4].trim(), "deleted base directory stays deleted");
    }
}
