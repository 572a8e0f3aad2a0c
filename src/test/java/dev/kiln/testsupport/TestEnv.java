package dev.kiln.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the integration tests need from their environment (set by bin/test via testbed/registry.sh env).
 * A developer running one test by hand without a registry gets a skip; under CI ({@code CI=true}) a
 * missing part fails the test, so an integration suite can never pass by skipping.
 */
public final class TestEnv {
    private TestEnv() {}

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The value of an environment variable the test cannot run without. */
    public static String require(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            String msg = name + " is not set: start the test registries with bin/test (or testbed/registry.sh)";
            if (ci()) Assertions.fail(msg);
            Assumptions.abort(msg);
        }
        return v;
    }

    /** Plain-HTTP anonymous registry, e.g. {@code 127.0.0.1:5000}. */
    public static String registry() { return require("KILN_TEST_REGISTRY"); }

    /** Plain-HTTP registry with basic auth ({@link #registryUser()}/{@link #registryPassword()}). */
    public static String authRegistry() { return require("KILN_TEST_AUTH_REGISTRY"); }

    /** HTTPS registry signed by the testbed CA ({@link #registryCa()}). */
    public static String tlsRegistry() { return require("KILN_TEST_TLS_REGISTRY"); }

    public static String registryUser() { return require("KILN_TEST_REGISTRY_USER"); }

    public static String registryPassword() { return require("KILN_TEST_REGISTRY_PASSWORD"); }

    public static Path registryCa() { return Path.of(require("KILN_TEST_REGISTRY_CA")); }

    /** Root of the repo's testbed scripts (registry.sh, base-images.sh, run-image.sh). */
    public static Path testbed() {
        return Path.of(System.getProperty("kiln.basedir", ".")).resolve("testbed");
    }

    /** {@code ../shared/corpora}: other projects' test data, read in place. */
    public static Path corpora() {
        Path p = Path.of(System.getProperty("kiln.corpora", "../shared/corpora"));
        if (!Files.isDirectory(p)) {
            String msg = "corpora not found at " + p.toAbsolutePath() + " (expected ../shared/corpora beside the repo)";
            if (ci()) Assertions.fail(msg);
            Assumptions.abort(msg);
        }
        return p;
    }
}
