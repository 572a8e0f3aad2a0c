package dev.kiln.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link ChrootSupport#probe}: runs unshare + mount once and remembers the answer. */
final class NamespaceProbe implements ChrootSupport {
    private final HostTools tools;
    private volatile String answer;
    private volatile boolean probed;

    NamespaceProbe(HostTools tools) {
        this.tools = tools;
    }

    @Override
    public String whyDegraded() {
        if (!probed) {
            synchronized (this) {
                if (!probed) {
                    answer = probe();
                    probed = true;
                }
            }
        }
        return answer;
    }

    private String probe() {
        for (String tool : List.of("unshare", "setpriv", "mount", "mknod")) {
            if (tools.find(tool).isEmpty()) return "'" + tool + "' (util-linux/coreutils) is not installed on the host";
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kiln-probe-");
            Process p = new ProcessBuilder(tools.require("unshare", "probe"), "--mount", "--pid", "--fork",
                    "--propagation", "private", "--", tools.require("mount", "probe"), "-t", "tmpfs", "tmpfs", dir.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unshare --mount --pid did not finish";
            }
            return p.exitValue() == 0 ? null : "mount/pid namespaces are not permitted here (" + out + ")";
        } catch (IOException e) {
            return "cannot probe namespaces: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing namespaces";
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }
        }
    }
}
