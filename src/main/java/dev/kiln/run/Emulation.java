package dev.kiln.run;

import dev.kiln.image.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether this machine can RUN programs of another platform: natively (its own architecture, or i386 on amd64),
 * or through a binfmt_misc handler that runs them under QEMU user emulation ({@code <binfmt>/qemu-<cpu>}, enabled,
 * with the {@code F} flag so the interpreter is opened at registration and works inside a chroot or container,
 * as Debian's {@code qemu-user-static} registers it). The binfmt_misc directory is a parameter.
 */
public record Emulation(Path binfmtDir, Platform host) {
    public static final Path BINFMT_MISC = Path.of("/proc/sys/fs/binfmt_misc");

    /** This machine: {@code /proc/sys/fs/binfmt_misc}. */
    public static Emulation system() {
        return new Emulation(BINFMT_MISC, Platform.host());
    }

    /** Whether {@code p} runs without emulation here. */
    public boolean nativeTo(Platform p) {
        if (!p.os().equals(host.os())) return false;
        if (p.architecture().equals(host.architecture())) return true;
        return "amd64".equals(host.architecture()) && "386".equals(p.architecture());
    }

    /** Why RUN for {@code p} cannot work here, or empty when it can (natively or through an enabled F handler). */
    public Optional<String> missing(Platform p) {
        if (nativeTo(p)) return Optional.empty();
        if (!"linux".equals(p.os())) {
            return Optional.of("RUN for " + p + " cannot run on this " + host + " machine (only linux programs can be emulated)");
        }
        String cpu = qemuCpu(p.architecture());
        Path handler = binfmtDir.resolve("qemu-" + cpu);
        String why;
        try {
            if (!Files.isRegularFile(handler)) {
                why = Files.isRegularFile(binfmtDir.resolve("status")) ? "no binfmt_misc handler " + handler
                        : "binfmt_misc is not mounted at " + binfmtDir + " (mount -t binfmt_misc binfmt_misc " + binfmtDir + ")";
            } else {
                List<String> lines = Files.readAllLines(handler);
                if (lines.isEmpty() || !lines.getFirst().trim().equals("enabled")) why = "the binfmt_misc handler " + handler + " is disabled";
                else if (lines.stream().noneMatch(l -> l.startsWith("flags:") && l.substring(6).contains("F"))) {
                    why = "the binfmt_misc handler " + handler + " lacks the F (fix binary) flag, so it cannot work inside the RUN sandbox";
                } else {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            why = "cannot read " + handler + ": " + e.getMessage();
        }
        return Optional.of("RUN for " + p + " needs QEMU user emulation on this " + host + " machine, but " + why
                + ". Install Debian's qemu-user-static on the host (apt-get install qemu-user-static binfmt-support: it registers "
                + "qemu-" + cpu + " with binfmt_misc and the F flag), or avoid RUN for " + p
                + " (COPY/metadata only, or cross-compile in a FROM --platform=$BUILDPLATFORM stage)");
    }

    /** QEMU's name for an OCI architecture. */
    static String qemuCpu(String arch) {
        return switch (arch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "386" -> "i386";
            case "mips64le" -> "mips64el";
            case "mipsle" -> "mipsel";
            case "loong64" -> "loongarch64";
            default -> arch; // arm, ppc64le, s390x, riscv64, mips64, ...
        };
    }
}
