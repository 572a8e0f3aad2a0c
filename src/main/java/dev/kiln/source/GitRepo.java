package dev.kiln.source;

import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A git repository cloned with JGit — the only class that touches JGit — for git contexts and {@code ADD <git url>}.
 * JGit's failures become {@link SourceException}s with the JGit exception as cause (a
 * {@code org.eclipse.jgit.api.errors.TransportException} for network and authentication failures).
 */
public final class GitRepo implements AutoCloseable {
    /**
     * What to clone.
     *
     * @param branch      {@code refs/heads/...} to clone and check out, or null for the remote's default
     * @param allBranches fetch every branch (else the one branch)
     * @param shallow     depth 1
     * @param submodules  clone submodules too
     * @param noCheckout  leave the work tree empty (a later {@link #checkout} picks the commit)
     * @param tags        fetch the tags too
     */
    public record Clone(String url, GitAuth auth, String branch, boolean allBranches, boolean shallow,
                        boolean submodules, boolean noCheckout, boolean tags) {
        public Clone {
            if (auth == null) auth = GitAuth.NONE;
        }
    }

    private final Git git;
    private final GitAuth auth;

    private GitRepo(Git git, GitAuth auth) {
        this.git = git;
        this.auth = auth;
    }

    /** The names of the remote's refs ({@code refs/heads/main}, {@code refs/tags/v1}, …), asked before any download. */
    public static List<String> remoteRefs(String url, GitAuth auth) throws SourceException {
        try {
            return Git.lsRemoteRepository().setRemote(url).setCredentialsProvider(auth).call().stream().map(Ref::getName).toList();
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("cannot list " + url + ": " + e.getMessage(), e);
        }
    }

    public static GitRepo clone(Clone c, Path dir) throws SourceException {
        CloneCommand cmd = Git.cloneRepository().setURI(c.url()).setDirectory(dir.toFile())
                .setCredentialsProvider(c.auth()).setCloneSubmodules(c.submodules())
                .setCloneAllBranches(c.allBranches()).setNoCheckout(c.noCheckout());
        if (c.branch() != null) cmd.setBranch(c.branch());
        if (c.shallow()) cmd.setDepth(1);
        if (!c.tags()) cmd.setNoTags();
        try {
            return new GitRepo(cmd.call(), c.auth());
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("cannot clone " + c.url() + ": " + e.getMessage(), e);
        }
    }

    /** Fetches {@code src} into the local ref {@code dst}. */
    public void fetch(String src, String dst) throws SourceException {
        try {
            git.fetch().setCredentialsProvider(auth).setRefSpecs(new RefSpec(src + ":" + dst)).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("cannot fetch " + src + ": " + e.getMessage(), e);
        }
    }

    /** The object id a revision names ({@code main}, {@code origin/x}, {@code <sha>^{commit}}), or null when none. */
    public String resolve(String revision) throws IOException {
        try {
            ObjectId id = git.getRepository().resolve(revision);
            return id == null ? null : id.getName();
        } catch (MissingObjectException | AmbiguousObjectException e) {
            return null;
        }
    }

    /** Checks out a commit (detached, discarding local changes). */
    public void checkout(String commit) throws SourceException {
        try {
            git.checkout().setName(commit).setForced(true).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("cannot check out " + commit + ": " + e.getMessage(), e);
        }
    }

    public void updateSubmodules() throws SourceException {
        try {
            git.submoduleInit().call();
            git.submoduleUpdate().setCredentialsProvider(auth).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("cannot update submodules: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
