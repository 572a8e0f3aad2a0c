package dev.kiln.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A dedicated CNCF distribution registry ({@code docker-registry serve config.yml}) on a free 127.0.0.1 port,
 * configured like testbed/registry.sh does, plus an extra {@code http.tls} / {@code auth} section.
 */
final class RegistryProcess implements AutoCloseable {
    final int port;
    final Path dir;
    private final Process process;

    private RegistryProcess(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * @param tlsYaml  lines under {@code http:} (indented two spaces), or ""
     * @param authYaml a top-level {@code auth:} section, or ""
     */
    static RegistryProcess start(Path dir, String tlsYaml, String authYaml) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(dir.resolve("data"));
        String config = """
                version: 0.1
                log:
                  level: info
                  formatter: text
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  cache:
                    blobdescriptor: inmemory
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: kiln-test-not-a-secret
                %s
                %s
                """.formatted(dir.resolve("data"), port, tlsYaml, authYaml);
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, config);
        Path log = dir.resolve("registry.log");
        Process p = new ProcessBuilder("docker-registry", "serve", yml.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RegistryProcess r = new RegistryProcess(port, dir, p);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) throw new IOException("docker-registry exited " + p.exitValue() + ":\n" + Files.readString(log));
            if (Files.readString(log).contains("listening on 127.0.0.1:" + port) && canConnect(port)) return r;
            Thread.sleep(50);
        }
        r.close();
        throw new IOException("docker-registry did not start on port " + port + ":\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
