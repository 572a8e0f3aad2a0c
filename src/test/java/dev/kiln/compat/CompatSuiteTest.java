package dev.kiln.compat;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compatibility suite: every compat/cases Dockerfile is built by kiln and (unless self-checking) by buildah
 * (testbed/buildah-build.sh, chroot isolation) in one run; the images are compared with testbed/image-compare.sh's
 * normalized dump (config fields and flattened file tree), minus compat/allowlist.tsv. kiln builds run three at a
 * time; buildah builds one at a time.
 */
class CompatSuiteTest {
    private static final Path ROOT = Path.of(System.getProperty("kiln.basedir", ".")).toAbsolutePath();
    private static final java.util.concurrent.locks.ReentrantLock BUILDAH = new java.util.concurrent.locks.ReentrantLock();
    private static Path work;
    private static HttpServer http;

    @BeforeAll
    static void setUp() throws IOException {
        work = Files.createTempDirectory("kiln-compat-");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Path remote = ROOT.resolve("compat/remote");
        http.createContext("/", ex -> {
            Path f = remote.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(remote) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
            } else {
                byte[] b = Files.readAllBytes(f);
                ex.getResponseHeaders().add("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        http.start();
    }

    @AfterAll
    static void tearDown() {
        if (http != null) http.stop(0);
        if (work != null) Tools.run("rm", "-rf", work.toString());
    }

    @TestFactory
    Stream<DynamicTest> compat() throws Exception {
        String reg = TestEnv.registry();
        Path ctx = CompatContext.prepare(ROOT.resolve("compat/context"), work.resolve("ctx"));
        Path secret = Files.writeString(work.resolve("secret"), "compat-secret");
        Map<String, String> vars = Map.of("URL_BASE", "http://127.0.0.1:" + http.getAddress().getPort(),
                "SECRET_FILE", secret.toString());
        // -Dkiln.compat.cases=REGEX runs only the cases whose name matches (when iterating on a few)
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty("kiln.compat.cases", ".*"));
        List<CompatCase> cases = CompatCase.all(ROOT.resolve("compat/cases"), vars).stream()
                .filter(c -> only.matcher(c.name()).matches()).toList();
        Allowlist allow = Allowlist.read(ROOT.resolve("compat/allowlist.tsv"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Map<CompatCase, Future<String>> results = new LinkedHashMap<>();
        for (CompatCase c : cases) results.put(c, pool.submit(() -> check(c, reg, ctx, allow)));
        pool.shutdown();
        return results.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().toString(), () -> {
            String problem = e.getValue().get();
            assertEquals("", problem, e.getKey().name());
        }));
    }

    /** Empty when the case passes, else what went wrong. */
    private static String check(CompatCase c, String reg, Path ctx, Allowlist allow) {
        String repo = reg + "/test/compat-" + c.name().toLowerCase(Locale.ROOT);
        List<String> kiln = new ArrayList<>(List.of("build", "-c", ctx.toString(), "-f", c.dockerfile().toString(),
                "-d", repo + ":kiln", "--insecure", "--insecure-pull", "--build-arg", "REGISTRY=" + reg,
                "--run-cache-dir", work.resolve("run-cache").toString()));
        kiln.addAll(c.args());
        ToolResult k = KilnProcess.run(kiln);
        if (!k.ok()) return "kiln build failed:\n" + k;
        if (c.selfCheck()) return "";
        // no buildah layer cache: a RUN layer cached by an earlier suite run holds that day's dates (useradd's
        // /etc/shadow day count), so a suite run on another day would compare kiln's today with buildah's yesterday
        List<String> bh = new ArrayList<>(List.of("env", "KILN_BUILDAH_MIRROR=" + reg, "KILN_BUILDAH_LAYERS=false",
                TestEnv.testbed().resolve("buildah-build.sh").toAbsolutePath().toString(),
                ctx.toString(), repo + ":buildah", "-f", c.dockerfile().toString(), "--build-arg", "REGISTRY=" + reg));
        bh.addAll(c.args());
        ToolResult b;
        BUILDAH.lock();   // concurrent buildah runs on one store race each other (cache layers, build containers)
        try {
            b = Tools.run(Duration.ofMinutes(4), bh);
        } finally {
            BUILDAH.unlock();
        }
        if (!b.ok()) return "buildah build failed:\n" + b;
        List<String> a = allow.filter(c.name(), dump(repo + ":kiln"));
        List<String> r = allow.filter(c.name(), dump(repo + ":buildah"));
        if (a.equals(r)) return "";
        return "images differ (- kiln, + buildah):\n" + LineDiff.diff(a, r);
    }

    private static List<String> dump(String ref) {
        ToolResult d = Tools.run(Duration.ofMinutes(2),
                List.of(TestEnv.testbed().resolve("image-compare.sh").toAbsolutePath().toString(), "--dump", ref)).requireOk();
        return d.stdout().lines().toList();
    }
}
