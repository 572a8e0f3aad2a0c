package dev.kiln.dockerfile.fuzz;

import dev.kiln.dockerfile.DockerfileException;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.RunMounts;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLex;
import dev.kiln.testsupport.TestEnv;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated Dockerfiles (the BuildKit corpus testfiles with random edits, and token soup): the parser
 * returns a Dockerfile or throws {@link DockerfileException} — never another exception, never hangs (each try is
 * bounded by a watchdog). RUN mounts that parsed are also re-read with {@link RunMounts}.
 */
class ParserFuzzProperties {
    private static final long TRY_LIMIT_SECONDS = 10;
    private static List<String> seeds = List.of();
    private static ExecutorService worker;

    @BeforeContainer
    static void loadSeeds() throws IOException {
        Path corpus = TestEnv.corpora().resolve("buildkit-parser");
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("Dockerfile")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        if (out.size() < 30) fail("expected the buildkit-parser testfiles under " + corpus + ", found " + out.size());
        seeds = List.copyOf(out);
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-parse");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterContainer
    static void stop() {
        if (worker != null) worker.shutdownNow();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 10_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void parseReturnsOrThrowsDockerfileException(@ForAll("seeds") long seed) throws InterruptedException {
        String text = new DockerfileMutator(seed, seeds).next();
        Future<?> f = worker.submit(() -> parseAndReadMounts(text));
        try {
            f.get(TRY_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("parser did not finish within " + TRY_LIMIT_SECONDS + "s (seed " + seed + ") on:\n" + text);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof DockerfileException)) {
                throw new AssertionError("seed " + seed + ": " + e.getCause() + " on:\n" + text, e.getCause());
            }
        }
    }

    @Property(tries = 2_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shellWordsExpandOrThrowShellExpansionException(@ForAll("seeds") long seed) throws InterruptedException {
        DockerfileMutator m = new DockerfileMutator(seed, seeds);
        String word = m.shellWord();
        Map<String, String> env = Map.of("A", "a/b/c", "B", "", "C", "x y");
        ShellLex lex = new ShellLex(seed % 2 == 0 ? '\\' : '`');
        Future<?> f = worker.submit(() -> {
            try {
                lex.processWord(word, env);
            } catch (ShellExpansionException e) {
                // expected for bad words
            }
            try {
                lex.withSkipUnsetEnv(true).processWords(word, env);
            } catch (ShellExpansionException e) {
                // expected for bad words
            }
        });
        try {
            f.get(TRY_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("shell lexer did not finish within " + TRY_LIMIT_SECONDS + "s on: " + word);
        } catch (ExecutionException e) {
            throw new AssertionError("seed " + seed + ": " + e.getCause() + " on: " + word, e.getCause());
        }
    }

    private static void parseAndReadMounts(String text) {
        for (Stage st : DockerfileParser.parse(text, "Dockerfile").stages()) {
            for (Instruction in : st.instructions()) {
                if (in instanceof Run r) {
                    for (String m : r.mounts()) {
                        if (m.indexOf('$') < 0) RunMounts.parse(m); // checked at parse time: must not throw now
                    }
                }
            }
        }
    }
}
