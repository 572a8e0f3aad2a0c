package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The defaults a generated OCI runtime spec uses: Docker's capabilities, runc's masked and read-only paths. */
final class OciDefaults {
    private OciDefaults() {}

    /** moby oci/caps/defaults.go DefaultCapabilities. */
    static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
            "CAP_KILL", "CAP_AUDIT_WRITE");

    /** runc spec (libcontainer/specconv Example) maskedPaths. */
    static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
            "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi");

    /** runc spec readonlyPaths. */
    static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** RLIMIT_NOFILE when kiln's own limit is unknown (runc's default). */
    static final long NOFILE_FALLBACK = 1024;

    /**
     * RLIMIT_NOFILE for RUN: kiln's own hard limit (from a {@code /proc/self/limits} file), as soft and hard. The
     * container gets no CAP_SYS_RESOURCE, so runc cannot raise the hard limit beyond what the runtime has.
     */
    static long nofile(Path limits) {
        try {
            for (String line : Files.readAllLines(limits, StandardCharsets.UTF_8)) {
                if (line.startsWith("Max open files")) {
                    String hard = line.substring("Max open files".length()).trim().split("\\s+")[1];
                    return hard.equals("unlimited") ? 1_048_576 : Long.parseLong(hard);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the default
        }
        return NOFILE_FALLBACK;
    }

    static final String OCI_VERSION = "1.0.2";
}
