package dev.kiln.cli;

import dev.kiln.context.source.RemoteFixtures;
import dev.kiln.testsupport.TestEnv;
import dev.kiln.testsupport.ToolResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Each way a context source can be wrong fails before any build work, saying which part is wrong. */
class ContextErrorsTest {
    @TempDir Path tmp;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Runs a build that must fail: no pull, no push happens before the context is there. */
    private static String fails(Map<String, String> env, String... context) {
        String[] args = new String[context.length + 3];
        args[0] = "build";
        System.arraycopy(context, 0, args, 1, context.length);
        args[context.length + 1] = "-d";
        args[context.length + 2] = "127.0.0.1:1/never/pushed:1";
        ToolResult r = Kiln.run(env, args);
        assertNotEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stderr().contains("Exception"), "a clear message, not a stack trace: " + r.stderr());
        return r.stderr();
    }

    @Test
    void unsupportedSchemeAndMissingLocalSources() {
        assertTrue(fails(Map.of(), "-c", "ftp://host/ctx.tar").contains("unsupported --context scheme 'ftp://'"));
        assertTrue(fails(Map.of(), "-c", "tar:///no/such.tar.gz").contains("/no/such.tar.gz does not exist"));
        assertTrue(fails(Map.of(), "-c", "dir:///no/such/dir").contains("build context /no/such/dir does not exist"));
        assertTrue(fails(Map.of(), "-c", tmp.toString(), "--git", "depth=1").contains("invalid --git key 'depth'"));
    }

    @Test
    void s3MissingBucketObjectAndWrongCredentials() throws Exception {
        Map<String, String> env = ContextSchemesTest.s3Env();
        Path t = RemoteFixtures.tar(RemoteFixtures.writeContext(tmp.resolve("ctx")), tmp.resolve("c.tar.gz"), "gzip", "");
        RemoteFixtures.s3Put("kiln/" + run + "/ctx.tar.gz", t);
        String bucket = fails(env, "-c", "s3://no-such-bucket-" + run + "/ctx.tar.gz");
        assertTrue(bucket.contains("S3 bucket 'no-such-bucket-" + run + "' does not exist"), bucket);
        String key = fails(env, "-c", "s3://kiln/" + run + "/missing.tar.gz");
        assertTrue(key.contains("S3 object '" + run + "/missing.tar.gz' not found in bucket 'kiln'"), key);
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        String creds = fails(wrong, "-c", "s3://kiln/" + run + "/ctx.tar.gz");
        assertTrue(creds.contains("access denied: check the AWS credentials"), creds);
        assertFalse(creds.contains("not-the-secret"), creds);
    }

    @Test
    void azureMissingContainerBlobAndWrongKey() {
        String conn = TestEnv.require("KILN_TEST_AZURE_CONNECTION_STRING");
        Map<String, String> env = Map.of("AZURE_STORAGE_CONNECTION_STRING", conn);
        String base = "https://devstoreaccount1.blob.core.windows.net/";
        String container = fails(env, "-c", base + "nocontainer" + run + "/ctx.tar.gz");
        assertTrue(container.contains("Azure container 'nocontainer" + run + "' does not exist")
                || container.contains("Azure blob 'ctx.tar.gz' not found in container 'nocontainer" + run + "'"), container);
        String blob = fails(env, "-c", base + "kiln/" + run + "/missing.tar.gz");
        assertTrue(blob.contains("Azure blob '" + run + "/missing.tar.gz' not found in container 'kiln'"), blob);
        String badKey = conn.replaceFirst("AccountKey=[^;]+", "AccountKey=" + java.util.Base64.getEncoder().encodeToString(new byte[64]));
        String creds = fails(Map.of("AZURE_STORAGE_CONNECTION_STRING", badKey), "-c", base + "kiln/" + run + "/missing.tar.gz");
        assertTrue(creds.contains("access denied"), creds);
    }

    @Test
    void gcsMissingObjectAndBucket() {
        Assumptions.assumeFalse("0".equals(System.getenv("KILN_TEST_GCS")), "KILN_TEST_GCS=0: no GCS emulator");
        Map<String, String> env = Map.of("STORAGE_EMULATOR_HOST", TestEnv.require("KILN_TEST_GCS_ENDPOINT"));
        String obj = fails(env, "-c", "gs://kiln/" + run + "/missing.tar.gz");
        assertTrue(obj.contains("GCS object '" + run + "/missing.tar.gz' not found in bucket 'kiln'")
                || obj.contains("GCS bucket 'kiln' does not exist"), obj);
    }

    @Test
    void gitMissingBranchCommitAndRepository() throws Exception {
        String http = TestEnv.require("KILN_TEST_GIT_HTTP");
        RemoteFixtures.gitRepo(http, TestEnv.require("KILN_TEST_GIT_REPO_DIR"), "err-" + run, RemoteFixtures.writeContext(tmp.resolve("g")));
        String url = http + "/err-" + run + ".git";
        String branch = fails(Map.of(), "-c", url + "#refs/heads/nope");
        assertTrue(branch.contains("git branch 'refs/heads/nope' not found in " + url), branch);
        String branchFlag = fails(Map.of(), "-c", url, "--git", "branch=nope");
        assertTrue(branchFlag.contains("git branch 'refs/heads/nope' not found"), branchFlag);
        String commit = fails(Map.of(), "-c", url + "#0123456789abcdef0123456789abcdef01234567");
        assertTrue(commit.contains("git commit '0123456789abcdef0123456789abcdef01234567' not found in " + url), commit);
        String repo = fails(Map.of(), "-c", http + "/no-such-repo-" + run + ".git");
        assertTrue(repo.contains("git repository not found") || repo.contains("cannot fetch git repository"), repo);
        String tls = fails(Map.of(), "-c", TestEnv.require("KILN_TEST_GIT_HTTPS") + "/err-" + run + ".git");
        assertTrue(tls.contains("TLS verification failed"), tls);
    }

    @Test
    void httpTarballNotFoundAndSubPathOutside() throws Exception {
        Path ctx = RemoteFixtures.writeContext(tmp.resolve("c"));
        String nf = fails(Map.of(), "-c", TestEnv.require("KILN_TEST_S3_ENDPOINT") + "/kiln/" + run + "/nothing.tar.gz");
        assertTrue(nf.contains("context archive http://") && nf.contains("(HTTP 40"), nf);
        assertTrue(fails(Map.of(), "-c", ctx.toString(), "--context-sub-path", "../..").contains("leaves the build context"));
        assertTrue(fails(Map.of(), "-c", ctx.toString(), "--context-sub-path", "nope").contains("'nope' does not exist in the build context"));
    }
}
