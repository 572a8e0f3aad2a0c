package dev.kiln.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Drives every row of docs/kaniko-flags.md through kiln's real command line parser: each example parses (never a
 * usage error), rows marked deprecated/ignored warn (naming the flag), the others do not; and every flag of
 * Kaniko's executor and warmer (v1.24, Chainguard v1.25, osscontainertools v1.28) has a row.
 */
class KanikoFlagsTableTest {
    private static final Path TABLE = Path.of("docs", "kaniko-flags.md");

    /** Kaniko's executor flags: cmd/executor/cmd/root.go of the three versions (long names). */
    private static final Set<String> EXECUTOR = Set.of("verbosity", "log-format", "log-timestamp", "force", "dockerfile",
            "context", "context-sub-path", "bucket", "destination", "snapshot-mode", "custom-platform", "build-arg",
            "insecure", "skip-tls-verify", "insecure-pull", "skip-tls-verify-pull", "push-retry",
            "push-ignore-immutable-tag-errors", "image-fs-extract-retry", "image-download-retry", "kaniko-dir", "tar-path",
            "single-snapshot", "reproducible", "target", "no-push", "no-push-cache", "cache-repo", "cache-dir", "digest-file",
            "image-name-with-digest-file", "image-name-tag-with-digest-file", "oci-layout-path", "compression",
            "compression-level", "cache", "compressed-caching", "cleanup", "cache-ttl", "insecure-registry",
            "skip-tls-verify-registry", "registry-certificate", "registry-client-cert", "registry-map", "registry-mirror",
            "skip-default-registry-fallback", "ignore-var-run", "label", "skip-unused-stages", "use-new-run", "git",
            "cache-copy-layers", "cache-run-layers", "ignore-path", "force-build-metadata", "skip-push-permission-check",
            "whitelist-var-run", "snapshotMode", "customPlatform", "tarPath",
            "annotation",                                                                       // Chainguard v1.25
            "image-format", "pre-cleanup", "preserve-context", "materialize", "secret", "dryrun", "credential-helpers"); // oss v1.28

    /** Kaniko's warmer flags: cmd/warmer/cmd/root.go. */
    private static final Set<String> WARMER = Set.of("verbosity", "log-format", "log-timestamp", "image", "cache-dir", "force",
            "cache-ttl", "insecure-pull", "skip-tls-verify-pull", "insecure-registry", "skip-tls-verify-registry",
            "registry-certificate", "registry-client-cert", "registry-map", "registry-mirror",
            "skip-default-registry-fallback", "customPlatform", "dockerfile", "build-arg");

    record Row(String section, String flag, List<String> names, String example, String kiln, int line) {
        List<String> args() {
            return Arrays.asList(example.trim().split("\\s+"));
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        String section = null;
        List<String> lines = Files.readAllLines(TABLE);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("## ")) section = l.contains("Executor") ? "build" : l.contains("Warmer") ? "warm" : null;
            if (section == null || !l.startsWith("| `-")) continue;
            String[] cells = l.split("(?<!\\\\)\\|");
            assertTrue(cells.length >= 6, "docs/kaniko-flags.md:" + (i + 1) + ": five columns expected: " + l);
            List<String> names = java.util.regex.Pattern.compile("`([^`]+)`").matcher(cells[1]).results().map(m -> m.group(1)).toList();
            String example = cells[3].trim().replaceAll("^`(.*)`$", "$1");
            rows.add(new Row(section, names.getFirst(), names, example, cells[4].trim(), i + 1));
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyRowParsesAndWarnsAsDocumented() throws IOException {
        return rows().stream().map(r -> DynamicTest.dynamicTest(r.section() + " " + r.example(), () -> check(r)));
    }

    private static void check(Row r) {
        String where = "docs/kaniko-flags.md:" + r.line() + " (" + r.example() + ")";
        assertTrue(Set.of("same", "equivalent", "deprecated", "ignored").contains(r.kiln()), where + ": kiln column " + r.kiln());
        assertTrue(r.names().stream().anyMatch(n -> r.example().equals(n) || r.example().startsWith(n + "=") || r.example().startsWith(n + " ")),
                where + ": the example uses " + r.names());
        List<String> args = new ArrayList<>(List.of(r.section()));
        args.addAll(r.args());
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": usage error: " + e.getMessage(), e);
        }
        Object command = parsed.subcommand().commandSpec().userObject();
        if (!(command instanceof BuildCommand b)) {
            assertInstanceOf(WarmCommand.class, command, where);
            assertTrue(Set.of("same", "equivalent").contains(r.kiln()), where + ": kiln warm has no warnings for flags");
            return;
        }
        b.kaniko.applyTo(b);
        List<String> warnings = b.kaniko.warnings();
        if (r.kiln().equals("deprecated") || r.kiln().equals("ignored")) {
            assertEquals(1, warnings.size(), where + ": one warning expected, got " + warnings);
            String name = r.flag().replaceFirst("^-+", "");
            assertTrue(warnings.getFirst().contains(name), where + ": the warning names the flag: " + warnings);
        } else {
            assertEquals(List.of(), warnings, where + ": no warning expected");
        }
    }

    @Test
    void kilnsOwnFlagsInTheTableParse() throws IOException {
        List<String> lines = Files.readAllLines(TABLE);
        int start = lines.indexOf("## kiln's own flags (not in Kaniko)");
        assertTrue(start > 0, "docs/kaniko-flags.md has a section for kiln's own flags");
        int rows = 0;
        for (String l : lines.subList(start + 1, lines.size())) {
            if (l.startsWith("## ")) break;
            if (!l.startsWith("| `-")) continue;
            String example = l.split("(?<!\\\\)\\|")[2].trim().replaceAll("^`(.*)`$", "$1");
            List<String> args = new ArrayList<>(List.of("build"));
            args.addAll(Arrays.asList(example.split("\\s+")));
            assertDoesNotThrow(() -> Main.commandLine().parseArgs(args.toArray(String[]::new)), example);
            rows++;
        }
        assertTrue(rows >= 4, "rows for --sbom, --provenance, --sign-key, --attest-format");
    }

    @Test
    void everyKanikoFlagHasARow() throws IOException {
        Set<String> build = new LinkedHashSet<>();
        Set<String> warm = new LinkedHashSet<>();
        for (Row r : rows()) (r.section().equals("build") ? build : warm).add(r.flag().replaceFirst("^--", ""));
        Set<String> missing = new LinkedHashSet<>(EXECUTOR);
        missing.removeAll(build);
        assertEquals(Set.of(), missing, "executor flags without a row in docs/kaniko-flags.md");
        missing = new LinkedHashSet<>(WARMER);
        missing.removeAll(warm);
        assertEquals(Set.of(), missing, "warmer flags without a row in docs/kaniko-flags.md");
    }

    @Test
    void compressionFlagsReachTheMixinGetters() {
        BuildCommand b = build("--compression=zstd", "--compression-level", "7", "--compressed-caching=false");
        assertEquals("zstd", b.compression.compression());
        assertEquals(7, b.compression.compressionLevel());
        assertFalse(b.compression.compressedCaching());
        BuildCommand d = build();
        assertEquals("gzip", d.compression.compression());
        assertEquals(-1, d.compression.compressionLevel());
        assertTrue(d.compression.compressedCaching());
    }

    @Test
    void deprecatedSpellingsSetTheCurrentOptions() {
        BuildCommand b = build("--snapshotMode=time", "--customPlatform=linux/arm64", "--tarPath=/tmp/x.tar", "--whitelist-var-run=false");
        b.kaniko.applyTo(b);
        assertEquals("time", b.snapshotMode);
        assertEquals("linux/arm64", b.customPlatform);
        assertEquals(Path.of("/tmp/x.tar"), b.tarPath);
        assertFalse(b.ignoreVarRun);
        assertEquals(4, b.kaniko.warnings().size(), b.kaniko.warnings().toString());

        BuildCommand bucket = build("--context=s3://b/ctx.tar.gz", "-b", "my-bucket");
        bucket.kaniko.applyTo(bucket);
        assertEquals("gs://my-bucket/context.tar.gz", bucket.context, "Kaniko: the bucket replaces a URL context");
    }

    @Test
    void booleanFlagsTakeKanikosForms() {
        assertTrue(build("--no-push").noPush);
        assertTrue(build("--no-push=true").noPush);
        assertFalse(build("--no-push=false").noPush);
        assertTrue(build("--cache").cache);
        assertFalse(build("--cache=false").cache);
        assertFalse(build("--insecure=false", "--reproducible=false").insecure);
        assertTrue(build("--single-snapshot=true", "--cleanup=true").singleSnapshot);
    }

    private static BuildCommand build(String... args) {
        List<String> all = new ArrayList<>(List.of("build"));
        all.addAll(List.of(args));
        return (BuildCommand) Main.commandLine().parseArgs(all.toArray(String[]::new)).subcommand().commandSpec().userObject();
    }
}
