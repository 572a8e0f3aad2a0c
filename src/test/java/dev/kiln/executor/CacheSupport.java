package dev.kiln.executor;

import dev.kiln.cli.Main;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/** Whether kiln has a layer cache yet ({@code kiln build --cache}); the cached-rebuild test waits for it. */
final class CacheSupport {
    private CacheSupport() {}

    static void require() {
        CommandLine build = new CommandLine(new Main()).getSubcommands().get("build");
        Assumptions.assumeTrue(build.getCommandSpec().findOption("--cache") != null,
                "kiln build has no --cache yet (the layer cache is another issue): cached rebuild not tested");
    }
}
