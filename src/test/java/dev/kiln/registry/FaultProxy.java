package dev.kiln.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault-injecting TCP proxy on 127.0.0.1 in front of a plain-HTTP registry. Each client connection carries
 * one request (upstream gets {@code Connection: close}); a request matching a rule gets that rule's fault.
 */
final class FaultProxy implements AutoCloseable {
    sealed interface Fault {}
    /** Reset the connection after forwarding {@code bodyBytes} of the request body (-1: before forwarding anything). */
    record Reset(long bodyBytes) implements Fault {}
    /** Answer with this status (the registry never sees the request). */
    record Status(int code, String retryAfter, String body) implements Fault {}
    /** Wait, then forward normally. */
    record Stall(long millis) implements Fault {}
    /** Forward, but pass only the first {@code bytes} of the response, then reset. */
    record Truncate(int bytes) implements Fault {}
    /** Forward, flipping one byte of the response body. */
    record Corrupt() implements Fault {}
    /** Forward, dripping the response one byte per {@code millis} for the first {@code bytes} bytes. */
    record Slowloris(long millis, int bytes) implements Fault {}

    /** Requests whose method and path match get the fault on occurrences {@code from..to} (1-based, inclusive). */
    record Rule(String method, Pattern path, String headerContains, int from, int to, Fault fault, AtomicInteger seen) {
        Rule(String method, String pathRegex, int from, int to, Fault fault) {
            this(method, Pattern.compile(pathRegex), null, from, to, fault, new AtomicInteger());
        }

        Rule(String method, String pathRegex, String headerContains, int from, int to, Fault fault) {
            this(method, Pattern.compile(pathRegex), headerContains, from, to, fault, new AtomicInteger());
        }

        boolean hits(String m, String p, String head) {
            if (!method.equals(m) || !path.matcher(p).matches()) return false;
            if (headerContains != null && !head.contains(headerContains)) return false;
            int n = seen.incrementAndGet();
            return n >= from && n <= to;
        }
    }

    final List<String> log = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Rule> rules;
    private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();

    FaultProxy(int upstreamPort, List<Rule> rules) throws IOException {
        this.upstreamPort = upstreamPort;
        this.rules = List.copyOf(rules);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        exec.submit(this::acceptLoop);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int faults() {
        return (int) log.stream().filter(l -> l.startsWith("FAULT")).count();
    }

    private Void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                exec.submit(() -> handle(c));
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private Void handle(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head = readHead(in);
            if (head == null) return null;
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] line = text.substring(0, text.indexOf("\r\n")).split(" ");
            String method = line[0];
            String path = line[1].contains("?") ? line[1].substring(0, line[1].indexOf('?')) : line[1];
            Fault fault = null;
            for (Rule r : rules) if (fault == null && r.hits(method, path, text)) fault = r.fault();
            log.add((fault == null ? "PASS " : "FAULT " + fault + " ") + method + " " + path);
            if (fault instanceof Status s) {
                drainBody(in, text);
                String body = s.body() == null ? "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"injected " + s.code() + "\"}]}" : s.body();
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                String resp = "HTTP/1.1 " + s.code() + " Injected\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                        + "\r\nConnection: close\r\n" + (s.retryAfter() == null ? "" : "Retry-After: " + s.retryAfter() + "\r\n") + "\r\n";
                OutputStream out = client.getOutputStream();
                out.write(resp.getBytes(StandardCharsets.ISO_8859_1));
                out.write(b);
                out.flush();
                return null;
            }
            if (fault instanceof Reset r && r.bodyBytes() < 0) {
                reset(client);
                return null;
            }
            if (fault instanceof Stall s) Thread.sleep(s.millis());
            forward(client, in, withConnectionClose(text), fault);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client or the upstream went away: that is what faults do
        }
        return null;
    }

    private void forward(Socket client, InputStream in, String head, Fault fault) throws IOException {
        try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            OutputStream upOut = up.getOutputStream();
            upOut.write(head.getBytes(StandardCharsets.ISO_8859_1));
            upOut.flush();
            long limit = fault instanceof Reset r ? r.bodyBytes() : Long.MAX_VALUE;
            exec.submit(() -> {
                byte[] buf = new byte[8192];
                long sent = 0;
                try {
                    int n;
                    while (sent < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - sent))) > 0) {
                        upOut.write(buf, 0, n);
                        upOut.flush();
                        sent += n;
                    }
                    if (sent >= limit) {
                        Thread.sleep(50);
                        reset(up);
                        reset(client);
                    }
                } catch (IOException | InterruptedException ignored) {
                    // closed
                }
                return null;
            });
            pumpResponse(up.getInputStream(), client.getOutputStream(), fault);
        }
    }

    private static void pumpResponse(InputStream up, OutputStream out, Fault fault) throws IOException {
        byte[] all = up.readAllBytes();
        int headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
        switch (fault) {
            case Truncate t -> {
                out.write(all, 0, Math.min(all.length, t.bytes()));
                out.flush();
                throw new IOException("truncated");
            }
            case Corrupt c -> {
                if (headEnd > 3 && headEnd + 10 < all.length) all[headEnd + 10] ^= 0x5a;
                out.write(all);
            }
            case Slowloris s -> {
                int i = 0;
                for (; i < Math.min(s.bytes(), all.length); i++) {
                    out.write(all[i]);
                    out.flush();
                    try {
                        Thread.sleep(s.millis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                out.write(all, i, all.length - i);
            }
            case null, default -> out.write(all);
        }
        out.flush();
    }

    private static String withConnectionClose(String head) {
        StringBuilder b = new StringBuilder();
        for (String l : head.split("\r\n")) {
            if (l.isEmpty() || l.regionMatches(true, 0, "Connection:", 0, 11)) continue;
            b.append(l).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private static void drainBody(InputStream in, String head) throws IOException {
        for (String l : head.split("\r\n")) {
            if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) in.skipNBytes(Long.parseLong(l.substring(15).trim()));
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) return b.toByteArray();
            if (b.size() > 64 * 1024) throw new IOException("request head too large");
        }
        return null;
    }

    private static int indexOf(byte[] a, byte[] pat) {
        outer:
        for (int i = 0; i + pat.length <= a.length; i++) {
            for (int j = 0; j < pat.length; j++) if (a[i + j] != pat[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        exec.shutdownNow();
    }
}
