package dev.kiln.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The AOT training's RUN that succeeds (as root, outside the executor image; {@link AotTraining}): a context made of
 * this machine's {@code sh}, {@code touch}, {@code rm} and {@code mkdir} with the libraries {@code ldd} names for them, built {@code FROM scratch}
 * with a RUN that creates and deletes files and a directory, so the snapshot of a RUN's changes and its layer (walk, stat, xattrs, the layer
 * writer) are in the AOT cache as well as the sandbox. Measured before: ~300 classes and the FFM stubs of the xattr
 * calls were loaded from the jar after every build's first RUN. Best effort: without the tools the step is left out.
 */
final class TrainingRun {
    private TrainingRun() {}

    static final List<String> TOOLS = List.of("/bin/sh", "/usr/bin/touch", "/bin/rm", "/bin/mkdir");

    /** Builds the RUN context under {@code work} and runs its build; the build's exit code, -1 when it could not run. */
    static int run(Path work) {
        Path ctx = work.resolve("run-context");
        try {
            Path root = ctx.resolve("host");
            for (String tool : TOOLS) {
                Path t = Path.of(tool);
                if (!Files.isExecutable(t)) return -1;
                copy(t, root);
                for (String lib : libraries(tool)) copy(Path.of(lib), root);
            }
            for (String f : List.of("gone/a", "gone/sub/b", "kept/c")) {
                Files.createDirectories(root.resolve(f).getParent());
                Files.writeString(root.resolve(f), f);
            }
            Files.createSymbolicLink(root.resolve("kept/link"), Path.of("c"));
            // files created, a file deleted (a whiteout), a directory deleted and made again (opaque)
            Files.writeString(ctx.resolve("Dockerfile"), """
                    FROM scratch
                    COPY host/ /
                    RUN touch /created /kept/d && rm /kept/c && rm -rf /gone && mkdir -p /gone/sub && touch /gone/new
                    """);
            return Main.run("build", "--context", ctx.toString(), "--no-push", "--isolation", "chroot",
                    "--verbosity", "error");
        } catch (IOException | RuntimeException e) {
            System.err.println("AOT training: the RUN build was left out: " + e);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Copies {@code file} (its target, when a link) to the same absolute path under {@code root}. */
    private static void copy(Path file, Path root) throws IOException {
        Path dest = root.resolve(file.toString().substring(1));
        Files.createDirectories(dest.getParent());
        Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** The absolute paths {@code ldd} prints for a dynamically linked program (none for a static one). */
    static List<String> libraries(String binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ldd", binary).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Set<String> libs = new LinkedHashSet<>();
        for (String line : out.split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (word.startsWith("/")) libs.add(word);
            }
        }
        return new ArrayList<>(libs);
    }
}
