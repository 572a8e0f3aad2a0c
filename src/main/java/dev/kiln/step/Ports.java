package dev.kiln.step;

import dev.kiln.plan.BuildException;

import dev.kiln.dockerfile.instructions.SourceLocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EXPOSE port specs ({@code 80}, {@code 80/udp}, {@code 8000-8002/tcp}, {@code ip:host:container}) → {@code port/proto}. */
public final class Ports {
    private Ports() {}

    static List<String> parse(String spec, SourceLocation loc) {
        String proto = "tcp";
        String s = spec;
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            proto = s.substring(slash + 1).toLowerCase(Locale.ROOT);
            s = s.substring(0, slash);
            if (!List.of("tcp", "udp", "sctp").contains(proto)) throw BuildException.at(loc, "invalid proto: " + proto);
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0) s = s.substring(colon + 1);
        int dash = s.indexOf('-');
        int from = port(dash < 0 ? s : s.substring(0, dash), spec, loc);
        int to = dash < 0 ? from : port(s.substring(dash + 1), spec, loc);
        if (to < from) throw BuildException.at(loc, "invalid range specified for container port: " + spec);
        List<String> out = new ArrayList<>();
        for (int p = from; p <= to; p++) out.add(p + "/" + proto);
        return out;
    }

    private static int port(String s, String spec, SourceLocation loc) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw BuildException.at(loc, "invalid containerPort: " + spec);
        }
    }
}
