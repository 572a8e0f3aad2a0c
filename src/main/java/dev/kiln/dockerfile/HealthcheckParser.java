package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Healthcheck;
import dev.kiln.dockerfile.shell.GoQuote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code HEALTHCHECK NONE} / {@code HEALTHCHECK [--interval --timeout --start-period --start-interval --retries] CMD ...}. */
final class HealthcheckParser {
    private static final long MINIMUM_NANOS = 1_000_000L; // Docker's minimum interval: 1ms

    private HealthcheckParser() {}

    static Healthcheck parse(ParseRequest req) {
        req.requireAtLeastOne();
        String type = req.args().getFirst().toUpperCase(Locale.ROOT);
        List<String> rest = req.args().subList(1, req.args().size());
        if (type.equals("NONE")) {
            if (!rest.isEmpty()) throw new IllegalArgumentException("HEALTHCHECK NONE takes no arguments");
            return new Healthcheck(req.location(), List.of("NONE"), 0, 0, 0, 0, 0);
        }
        BuilderFlags f = req.flags().string("interval").string("timeout").string("start-period")
                .string("start-interval").string("retries").parse();
        if (!type.equals("CMD")) throw new IllegalArgumentException("Unknown type " + GoQuote.quote(type) + " in HEALTHCHECK (try CMD)");
        List<String> cmd = rest.isEmpty() ? List.of() : req.json() ? rest : List.of(String.join(" ", rest));
        if (cmd.isEmpty()) throw new IllegalArgumentException("Missing command after HEALTHCHECK CMD");
        List<String> test = new ArrayList<>();
        test.add(req.json() ? "CMD" : "CMD-SHELL");
        test.addAll(cmd);
        return new Healthcheck(req.location(), test, interval(f, "interval"), interval(f, "timeout"),
                interval(f, "start-period"), interval(f, "start-interval"), retries(f.get("retries")));
    }

    private static long interval(BuilderFlags f, String name) {
        String s = f.get(name);
        if (s == null || s.isEmpty()) return 0;
        long d = GoDuration.parseNanos(s);
        if (d == 0) return 0;
        if (d < MINIMUM_NANOS) throw new IllegalArgumentException("Interval " + GoQuote.quote(name) + " cannot be less than 1ms");
        return d;
    }

    private static int retries(String s) {
        if (s == null || s.isEmpty()) return 0;
        int r;
        try {
            r = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + GoQuote.quote(s) + ": invalid syntax");
        }
        if (r < 0) throw new IllegalArgumentException("--retries cannot be negative (" + r + ")");
        return r;
    }
}
