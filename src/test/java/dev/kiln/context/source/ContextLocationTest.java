package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kiln.context.source.ContextLocation.Kind.*;
import static org.junit.jupiter.api.Assertions.*;

/** --context parsing follows Kaniko's prefixes; git URLs and --git options as Kaniko reads them. */
class ContextLocationTest {
    @Test
    void prefixesPickTheSource() {
        assertEquals(DIR, ContextLocation.parse("/workspace/").kind());
        assertEquals(DIR, ContextLocation.parse("relative/dir").kind());
        assertEquals("/ctx", ContextLocation.parse("dir:///ctx").target());
        assertEquals(TAR_FILE, ContextLocation.parse("tar://ctx.tar.gz").kind());
        assertEquals(TAR_STDIN, ContextLocation.parse("tar://stdin").kind());
        ContextLocation s3 = ContextLocation.parse("s3://bucket/path/ctx.tar.gz");
        assertEquals(S3, s3.kind());
        assertEquals("bucket", s3.bucket());
        assertEquals("path/ctx.tar.gz", s3.key());
        assertEquals(GCS, ContextLocation.parse("gs://b/o.tgz").kind());
        assertEquals(AZURE_BLOB, ContextLocation.parse("https://acct.blob.core.windows.net/c/ctx.tar.gz").kind());
        assertEquals(GIT, ContextLocation.parse("https://github.com/org/repo.git#refs/heads/main").kind());
        assertEquals(GIT, ContextLocation.parse("git://github.com/org/repo.git").kind());
        assertEquals(HTTPS_TAR, ContextLocation.parse("https://example.com/ctx.tar.gz").kind());
        ContextException e = assertThrows(ContextException.class, () -> ContextLocation.parse("ftp://x/y"));
        assertTrue(e.getMessage().contains("unsupported --context scheme 'ftp://'"), e.getMessage());
    }

    @Test
    void gitFragmentsAndPullMethod() {
        GitRemote branch = GitRemote.of(ContextLocation.parse("git://h/o/r.git#refs/heads/dev"), Map.of());
        assertEquals("https://h/o/r.git", branch.url());
        assertEquals("refs/heads/dev", branch.branchRef());
        GitRemote commit = GitRemote.of(ContextLocation.parse("git://h/r.git#0123456789abcdef0123456789abcdef01234567"),
                Map.of("GIT_PULL_METHOD", "http"));
        assertEquals("http://h/r.git", commit.url());
        assertEquals("0123456789abcdef0123456789abcdef01234567", commit.commit());
        GitRemote both = GitRemote.of(ContextLocation.parse("https://h/r.git#refs/pull/1/head#abcdef1"), Map.of());
        assertEquals("refs/pull/1/head", both.fetchRef());
        assertEquals("abcdef1", both.commit());
        GitRemote token = GitRemote.of(ContextLocation.parse("https://h/r.git"), Map.of("GIT_TOKEN", "t", "GIT_PASSWORD", "p"));
        assertEquals("t", token.password(), "GIT_TOKEN wins over GIT_PASSWORD");
        assertEquals("https://h/r.git", GitRemote.of(ContextLocation.parse("https://u:p@h/r.git"), Map.of()).display().replace("u:p@", ""));
        assertFalse(GitRemote.of(ContextLocation.parse("https://u:p@h/r.git"), Map.of()).display().contains("u:p"));
    }

    @Test
    void gitOptions() {
        GitOptions o = GitOptions.parse(List.of("branch=dev,single-branch=true", "recurse-submodules=true"));
        assertEquals(new GitOptions("dev", true, true, false), o);
        assertTrue(GitOptions.parse(List.of("insecure-skip-tls=true")).insecureSkipTls());
        assertThrows(IllegalArgumentException.class, () -> GitOptions.parse(List.of("single-branch=maybe")));
        assertThrows(IllegalArgumentException.class, () -> GitOptions.parse(List.of("depth=1")));
    }
}
