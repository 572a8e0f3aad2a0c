package dev.kiln.step;

import java.util.Locale;
import java.util.Set;

/** Linux signal names and numbers accepted by STOPSIGNAL (moby/sys/signal). */
public final class Signals {
    private Signals() {}

    private static final Set<String> NAMES = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL",
            "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM",
            "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "UNUSED");

    static boolean valid(String sig) {
        if (sig.matches("\\d+")) {
            try {
                int n = Integer.parseInt(sig);
                return n >= 1 && n <= 64;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String n = sig.toUpperCase(Locale.ROOT);
        if (n.startsWith("SIG")) n = n.substring(3);
        if (n.matches("RTMIN(\\+\\d+)?|RTMAX(-\\d+)?")) return true;
        return NAMES.contains(n);
    }
}
