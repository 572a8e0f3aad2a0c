package dev.kiln.executor;

import dev.kiln.testsupport.TestEnv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * What a Kubernetes pod gives kiln's container, as host directories bind-mounted by ctr-run.sh: the build context at
 * /workspace, a docker-config Secret at /kiln/.docker (read-only, credentials for the auth registry) and a
 * service-account token at /var/run/secrets/kubernetes.io/serviceaccount (read-only).
 */
record Pod(Path workspace, Path dockerConfig, Path serviceAccount) {
    static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.kiln-test-service-account-token";

    static Pod create(Path dir, String dockerfile) throws IOException {
        Path ws = Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(ws.resolve("Dockerfile"), dockerfile);
        Files.writeString(ws.resolve("file.txt"), "from the context\n");
        Path cfg = Files.createDirectories(dir.resolve("docker-config"));
        String auth = Base64.getEncoder().encodeToString(
                (TestEnv.registryUser() + ":" + TestEnv.registryPassword()).getBytes(StandardCharsets.UTF_8));
        Files.writeString(cfg.resolve("config.json"),
                "{\"auths\":{\"" + TestEnv.authRegistry() + "\":{\"auth\":\"" + auth + "\"}}}\n");
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), TOKEN);
        Files.writeString(sa.resolve("namespace"), "builds");
        return new Pod(ws, cfg, sa);
    }

    /** ctr-run.sh options: the three mounts and allowPrivilegeEscalation: false (default capabilities otherwise). */
    List<String> options() {
        return List.of("--no-new-privs",
                "-v", workspace + ":/workspace",
                "-v", dockerConfig + ":/kiln/.docker:ro",
                "-v", serviceAccount + ":" + SA_DIR + ":ro");
    }

    /** Throws unless the mounted files are all still there, unchanged (an in-place build must never delete them). */
    void assertIntact(String dockerfile) throws IOException {
        check(Files.readString(workspace.resolve("Dockerfile")).equals(dockerfile), "Dockerfile");
        check(Files.readString(workspace.resolve("file.txt")).equals("from the context\n"), "file.txt");
        check(Files.readString(dockerConfig.resolve("config.json")).contains(TestEnv.authRegistry()), "config.json");
        check(Files.readString(serviceAccount.resolve("token")).equals(TOKEN), "service-account token");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError("mounted " + what + " was changed or deleted by the build");
    }

    /** Throws if any layer path is one of the pod's mounts or kiln's own files. */
    static void assertNoPodFilesIn(List<String> layerPaths) {
        for (String p : layerPaths) {
            for (String bad : List.of("workspace", "kiln", "etc/hosts", "etc/resolv.conf", "var/run/secrets",
                    "run/secrets", "proc/", "sys/")) {
                if (p.equals(bad) || p.startsWith(bad.endsWith("/") ? bad : bad + "/")) {
                    throw new AssertionError("layer captured " + p + " (a mount or kiln's own directory): " + layerPaths);
                }
            }
            if (p.contains("kiln-test-service-account")) throw new AssertionError("token file name in layer: " + p);
        }
    }
}
