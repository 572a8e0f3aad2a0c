package dev.kiln.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A plain-http "registry" on this machine's first non-loopback IPv4 address: {@code /v2/} answers 200, everything
 * else 404. Like Go's http server (the distribution registry), it answers a TLS ClientHello at once with a plain
 * 400 instead of waiting for a request line. For the scheme rules that loopback registries are exempt from.
 */
final class NonLoopbackHttpServer implements AutoCloseable {
    private final ServerSocket server;

    private NonLoopbackHttpServer(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    /** Empty when the machine has no non-loopback IPv4 address. */
    static Optional<NonLoopbackHttpServer> start() throws IOException {
        Optional<InetAddress> addr = address();
        if (addr.isEmpty()) return Optional.empty();
        return Optional.of(new NonLoopbackHttpServer(new ServerSocket(0, 50, addr.get())));
    }

    /** host:port, e.g. 192.0.2.2:41234. */
    String registry() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            java.io.PushbackInputStream pin = new java.io.PushbackInputStream(in, 1);
            int first = pin.read();
            if (first == 0x16) {   // a TLS handshake record
                out.write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            pin.unread(first);
            BufferedReader r = new BufferedReader(new InputStreamReader(pin, StandardCharsets.US_ASCII));
            String requestLine = r.readLine();
            for (String h = r.readLine(); h != null && !h.isEmpty(); h = r.readLine()) { /* headers */ }
            String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
            boolean v2 = parts.length > 1 && parts[1].equals("/v2/");
            out.write(((v2 ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found") + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static Optional<InetAddress> address() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> { try { return i.isUp() && !i.isLoopback(); } catch (SocketException e) { return false; } })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
