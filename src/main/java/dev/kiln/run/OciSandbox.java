package dev.kiln.run;

import dev.kiln.image.Json;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * RUN in a container made by an OCI runtime (runc; crun where the host's cgroups allow) from a generated runtime
 * spec ({@link OciSpec}) in a bundle directory outside the rootfs: {@code runc --root B/state run --bundle B ID} with
 * stdin closed, then always {@code runc delete -f ID}. Mount points the runtime would create in the rootfs are created
 * (and removed) by the sandbox, so none ends up in a layer.
 */
public final class OciSandbox implements Sandbox {
    private final String runtime;
    private final Path scratchParent;

    /** @param runtime absolute path (or name) of runc or crun */
    public OciSandbox(String runtime) {
        this(runtime, null);
    }

    private OciSandbox(String runtime, Path scratchParent) {
        this.runtime = runtime;
        this.scratchParent = scratchParent;
    }

    /** The same sandbox making its bundle dirs in {@code dir} (null: the JVM's temp dir). */
    public OciSandbox withScratch(Path dir) {
        return new OciSandbox(runtime, dir);
    }

    /** runc when installed, else crun. */
    public static OciSandbox find(HostTools tools) throws SandboxException {
        String rt = tools.find("runc").or(() -> tools.find("crun")).map(Path::toString).orElseThrow(
                () -> new SandboxException("the oci sandbox needs runc or crun on the host (searched " + tools.dirs() + ")"));
        return new OciSandbox(rt);
    }

    public String runtime() {
        return runtime;
    }

    @Override
    public Isolation isolation() {
        return Isolation.OCI;
    }

    @Override
    public RunResult run(RunSpec spec) throws IOException {
        PreparedRun prep = PreparedRun.of(spec);
        Path root = prep.root();
        ResolvedUser user = prep.user();
        List<String> env = prep.env();
        Path bundle = SandboxFiles.scratch(scratchParent, "kiln-oci-");
        String id = "kiln-" + UUID.randomUUID().toString().substring(0, 13);
        String state = bundle.resolve("state").toString();
        int exit;
        List<String> sandboxPaths;
        RuntimeLogFilter runtimeLog = new RuntimeLogFilter(spec.stderr());
        try (SandboxFiles files = new SandboxFiles(root)) {
            for (String d : List.of("/proc", "/dev", "/sys")) files.dir(d);
            Path resolv = Path.of("/etc/resolv.conf");
            if (Files.exists(resolv)) files.file("/etc/resolv.conf", null);
            files.file("/etc/hosts", null);
            for (BindMount m : spec.mounts()) {
                if (Files.isDirectory(m.source())) files.dir(m.target()); else files.file(m.target(), null);
            }
            Path hosts = HostsFile.write(bundle, spec.hostname());
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(bundle.resolve("config.json").toFile(),
                    OciSpec.build(root, spec, user, env, hosts, Files.exists(resolv) ? resolv.toRealPath() : null));
            List<String> cmd = new ArrayList<>(List.of(runtime, "--root", state, "run", "--bundle", bundle.toString(), id));
            try {
                exit = ProcessRunner.run(cmd, ChrootSandbox.hostEnv(HostTools.standard()), bundle, spec, runtimeLog, p -> delete(state, id));
            } finally {
                delete(state, id);
            }
            sandboxPaths = files.containerPaths();
        } finally {
            HostsFile.delete(bundle);
        }
        String startError = startError(runtimeLog.errors());
        return startError == null || exit == 0 ? new RunResult(exit, sandboxPaths, false)
                : new RunResult(RunResult.CANNOT_START, sandboxPaths, false, startError);
    }

    /** runc's "runc run failed: unable to start container process: exec: …" as "exec: …"; null when it logged no error. */
    static String startError(List<String> errors) {
        if (errors.isEmpty()) return null;
        String e = errors.getLast();
        for (String prefix : List.of("runc run failed: ", "runc create failed: ", "unable to start container process: ")) {
            if (e.startsWith(prefix)) e = e.substring(prefix.length());
        }
        return e;
    }

    /** {@code runc delete -f}: kills and removes the container whatever state it is in; quiet when already gone. */
    private void delete(String state, String id) {
        try {
            Process p = new ProcessBuilder(runtime, "--root", state, "delete", "-f", id)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            // nothing was created, or the runtime vanished: nothing to delete
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
