package dev.kiln.cli;

import picocli.CommandLine;

/** Reports kiln's version from the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"kiln " + version() + " (Java " + Runtime.version() + ")"};
    }
}
