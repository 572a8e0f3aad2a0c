package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.Label;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;
import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.dockerfile.parser.ParsedHeredoc;
import dev.kiln.dockerfile.shell.GoChars;
import dev.kiln.dockerfile.shell.GoQuote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The instructions without command lines or file operands. */
final class SimpleParsers {
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9_.-]*$");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");

    private SimpleParsers() {}

    static From from(ParseRequest req) {
        List<String> args = req.args();
        String stageName = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            stageName = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw new IllegalArgumentException("invalid name for build stage: " + GoQuote.quote(args.get(2))
                        + ", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw new IllegalArgumentException("FROM requires either one or three arguments");
        }
        BuilderFlags f = req.flags().string("platform").parse();
        return new From(req.location(), args.getFirst(), stageName, f.get("platform"));
    }

    static Env env(ParseRequest req) {
        req.flags().parse();
        return new Env(req.location(), keyValues(req));
    }

    static Label label(ParseRequest req) {
        req.flags().parse();
        return new Label(req.location(), keyValues(req));
    }

    /** The parser's key/value/separator triples (ENV, LABEL). */
    private static List<KeyValue> keyValues(ParseRequest req) {
        List<String> args = req.args();
        req.requireAtLeastOne();
        if (args.size() % 3 != 0) throw new IllegalArgumentException("Bad input to " + req.keyword() + ", too many arguments");
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 3) {
            if (args.get(i).isEmpty()) throw new IllegalArgumentException(req.keyword() + " names can not be blank");
            out.add(new KeyValue(args.get(i), args.get(i + 1)));
        }
        return out;
    }

    static Arg arg(ParseRequest req) {
        req.requireAtLeastOne();
        req.flags().parse();
        List<ArgDef> defs = new ArrayList<>();
        for (String a : req.args()) {
            int eq = a.indexOf('=');
            if (eq == 0) throw new IllegalArgumentException("ARG names can not be blank");
            defs.add(eq < 0 ? new ArgDef(a, null) : new ArgDef(a.substring(0, eq), a.substring(eq + 1)));
        }
        return new Arg(req.location(), defs);
    }

    static Expose expose(ParseRequest req) {
        req.requireAtLeastOne();
        req.flags().parse();
        return new Expose(req.location(), req.args().stream().sorted().toList());
    }

    static Volume volume(ParseRequest req) {
        req.requireAtLeastOne();
        req.flags().parse();
        List<String> paths = new ArrayList<>();
        for (String v : req.args()) {
            String p = GoChars.trimSpace(v);
            if (p.isEmpty()) throw new IllegalArgumentException("VOLUME specified can not be an empty string");
            paths.add(p);
        }
        return new Volume(req.location(), paths);
    }

    static Workdir workdir(ParseRequest req) {
        req.requireExactlyOne();
        req.flags().parse();
        return new Workdir(req.location(), req.args().getFirst());
    }

    static User user(ParseRequest req) {
        req.requireExactlyOne();
        req.flags().parse();
        return new User(req.location(), req.args().getFirst());
    }

    static StopSignal stopSignal(ParseRequest req) {
        req.requireExactlyOne();
        req.flags().parse();
        return new StopSignal(req.location(), req.args().getFirst());
    }

    static Maintainer maintainer(ParseRequest req) {
        req.requireExactlyOne();
        req.flags().parse();
        return new Maintainer(req.location(), req.args().getFirst());
    }

    /** The trigger text (keyword onwards, heredoc bodies appended as BuildKit stores them). */
    static Onbuild onbuild(ParseRequest req) {
        req.requireAtLeastOne();
        req.flags().parse();
        String trigger = GoChars.trimSpace(req.args().getFirst()).toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw new IllegalArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> throw new IllegalArgumentException(trigger + " isn't allowed as an ONBUILD trigger");
            default -> { }
        }
        StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(req.node().original()).replaceFirst(""));
        for (ParsedHeredoc h : req.node().heredocs()) expression.append('\n').append(h.content()).append(h.name());
        return new Onbuild(req.location(), expression.toString());
    }
}
