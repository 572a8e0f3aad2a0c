package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Cmd;
import dev.kiln.dockerfile.instructions.Entrypoint;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Shell;

import java.util.Locale;
import java.util.List;
import java.util.regex.Pattern;

/** RUN, CMD, ENTRYPOINT and SHELL: shell form or exec form ({@code ["a","b"]}). */
final class CommandParsers {
    private static final List<String> NETWORK_MODES = List.of("default", "none", "host");
    private static final List<String> SECURITY_MODES = List.of("sandbox", "insecure");
    private static final Pattern WINDOWS_PATH = Pattern.compile("\"[a-z]:\\\\.*");

    private CommandParsers() {}

    static Run run(ParseRequest req) {
        BuilderFlags f = req.flags().strings("mount").string("network").string("security").parse();
        String network = f.get("network");
        if (network != null && !NETWORK_MODES.contains(network)) {
            throw new IllegalArgumentException(Suggest.wrap("unsupported network mode \"" + network + "\"", network, NETWORK_MODES, true));
        }
        String security = f.get("security");
        if (security != null && !SECURITY_MODES.contains(security)) {
            throw new IllegalArgumentException(Suggest.wrap("unsupported security mode \"" + security + "\"", security, SECURITY_MODES, true));
        }
        for (String mount : f.all("mount")) RunMounts.check(mount);
        return new Run(req.location(), req.commandLine(), req.heredocs(), f.all("mount"), network, security);
    }

    static Cmd cmd(ParseRequest req) {
        req.flags().parse();
        return new Cmd(req.location(), req.commandLine(), req.heredocs());
    }

    static Entrypoint entrypoint(ParseRequest req) {
        req.flags().parse();
        return new Entrypoint(req.location(), req.commandLine());
    }

    static Shell shell(ParseRequest req) {
        req.flags().parse();
        if (req.commandArgs().isEmpty()) throw new IllegalArgumentException("SHELL requires at least one argument");
        if (!req.json()) throw new IllegalArgumentException(notJson("SHELL", req.node().original()));
        return new Shell(req.location(), req.args());
    }

    /** BuildKit's {@code errNotJSON}, with its hint for unescaped Windows paths. */
    static String notJson(String command, String original) {
        String o = original.toLowerCase(Locale.ROOT).replace(command.toLowerCase(Locale.ROOT) + " ", "");
        String extra = "";
        if (WINDOWS_PATH.matcher(o).find() && !o.contains("\\\\") && o.contains("[") && o.contains("]")) {
            extra = ". It looks like '" + o + "' includes a file path without an escaped back-slash. JSON requires"
                    + " back-slashes to be escaped such as [\"c:\\\\path\\\\to\\\\file.exe\", \"/action\"]";
        }
        return command + " requires the arguments to be in JSON form" + extra;
    }
}
