package dev.kiln.cli;

import picocli.CommandLine;

/** Reports kiln's version from the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** {@code kiln 1.2.3 (Java 25.0.1+8-LTS)}: what {@code kiln version} and {@code kiln --version} print. */
    public static String line() {
        return "kiln " + version() + " (Java " + Runtime.version() + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}
