package dev.kiln.run;

import dev.kiln.image.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Which platforms RUN can execute for, read from a binfmt_misc directory laid out as the kernel shows it. */
class EmulationTest {
    static final Platform AMD64 = Platform.parse("linux/amd64");
    static final Platform ARM64 = Platform.parse("linux/arm64");
    @TempDir Path binfmt;

    private Emulation emulation() {
        return new Emulation(binfmt, AMD64);
    }

    private void handler(String name, String... lines) throws Exception {
        Files.writeString(binfmt.resolve("status"), "enabled\n");
        Files.writeString(binfmt.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void nativePlatformsNeedNoHandler() {
        assertEquals(Optional.empty(), emulation().missing(AMD64));
        assertEquals(Optional.empty(), emulation().missing(Platform.parse("linux/386")));
    }

    @Test
    void anUnmountedBinfmtMiscIsNamed() {
        String why = emulation().missing(ARM64).orElseThrow();
        assertTrue(why.contains("binfmt_misc is not mounted at " + binfmt), why);
        assertTrue(why.contains("qemu-user-static") && why.contains("qemu-aarch64"), why);
    }

    @Test
    void anEnabledHandlerWithTheFixBinaryFlagServes() throws Exception {
        handler("qemu-aarch64", "enabled", "interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P", "flags: POCF",
                "offset 0", "magic 7f454c460201010000000000000000000200b700");
        assertEquals(Optional.empty(), emulation().missing(ARM64));
        String why = emulation().missing(Platform.parse("linux/s390x")).orElseThrow();
        assertTrue(why.contains("no binfmt_misc handler " + binfmt.resolve("qemu-s390x")), why);
    }

    @Test
    void aDisabledHandlerOrOneWithoutFDoesNot() throws Exception {
        handler("qemu-aarch64", "disabled", "interpreter /usr/bin/qemu-aarch64-static", "flags: F");
        assertTrue(emulation().missing(ARM64).orElseThrow().contains("is disabled"));
        handler("qemu-aarch64", "enabled", "interpreter /usr/bin/qemu-aarch64-static", "flags: OC");
        assertTrue(emulation().missing(ARM64).orElseThrow().contains("lacks the F (fix binary) flag"));
    }

    @Test
    void otherOperatingSystemsCannotBeEmulated() {
        assertTrue(emulation().missing(Platform.parse("windows/amd64")).orElseThrow().contains("only linux"));
    }
}
