package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * A git context checked out with JGit (the only class that touches it), as Kaniko does it: {@code git://host/repo}
 * is fetched over {@code GIT_PULL_METHOD} (https by default; http, or git for the git protocol), an
 * {@code https://…/repo.git} URL as given. The fragment picks what to check out: {@code #refs/heads/b} (a branch,
 * cloned directly), any other {@code #ref} (fetched), {@code #<commit>}, or {@code #ref#<commit>}; {@code --git branch=}
 * picks a branch too. A branch or ref is checked for on the server first, so a missing one fails before any
 * download.
 */
final class GitCheckout {
    private final GitRemote remote;
    private final GitOptions options;
    private final EventSink events;

    GitCheckout(ContextLocation loc, GitOptions options, Map<String, String> env, EventSink events) {
        this.remote = GitRemote.of(loc, env);
        this.options = options;
        this.events = events;
    }

    void checkout(Path dir) throws IOException {
        GitAuth auth = new GitAuth(remote.username(), remote.password(), options.insecureSkipTls());
        String branch = options.branch() != null ? qualify(options.branch()) : remote.branchRef();
        Collection<Ref> refs = lsRemote(auth);
        if (branch != null && refs.stream().noneMatch(r -> r.getName().equals(branch))) {
            throw new ContextException("git branch '" + branch + "' not found in " + remote.display());
        }
        if (remote.fetchRef() != null && refs.stream().noneMatch(r -> r.getName().equals(remote.fetchRef()))) {
            throw new ContextException("git ref '" + remote.fetchRef() + "' not found in " + remote.display());
        }
        events.emit(Event.info("context", "cloning " + remote.display() + (branch != null ? " (" + branch + ")" : "")));
        CloneCommand clone = Git.cloneRepository().setURI(remote.url()).setDirectory(dir.toFile())
                .setCredentialsProvider(auth).setCloneSubmodules(options.recurseSubmodules())
                .setCloneAllBranches(!options.singleBranch() && branch == null).setNoTags();
        if (branch != null) clone.setBranch(branch);
        if (remote.commit() == null && remote.fetchRef() == null) clone.setDepth(1);
        try (Git git = clone.call()) {
            if (remote.fetchRef() != null) {
                git.fetch().setCredentialsProvider(auth).setRefSpecs(new RefSpec(remote.fetchRef() + ":" + remote.fetchRef())).call();
                if (remote.commit() == null) checkoutObject(git, git.getRepository().resolve(remote.fetchRef()), remote.fetchRef());
            }
            if (remote.commit() != null) {
                ObjectId id = commitIn(git);
                if (id == null) id = fetchCommit(git, auth);
                checkoutObject(git, id, remote.commit());
            }
            if (options.recurseSubmodules() && (remote.commit() != null || remote.fetchRef() != null)) {
                git.submoduleInit().call();
                git.submoduleUpdate().setCredentialsProvider(auth).call();
            }
        } catch (TransportException e) {
            throw transport(e);
        } catch (GitAPIException e) {
            throw new ContextException("git checkout of " + remote.display() + " failed: " + e.getMessage(), e);
        }
        ResolvedContext.deleteTree(dir.resolve(".git"));
    }

    private Collection<Ref> lsRemote(GitAuth auth) {
        try {
            return Git.lsRemoteRepository().setRemote(remote.url()).setCredentialsProvider(auth).call();
        } catch (TransportException e) {
            throw transport(e);
        } catch (GitAPIException e) {
            throw new ContextException("cannot list " + remote.display() + ": " + e.getMessage(), e);
        }
    }

    /** A commit no branch tip reaches in a full clone: ask for it by id (servers allowing that). */
    private ObjectId fetchCommit(Git git, GitAuth auth) throws IOException {
        try {
            git.fetch().setCredentialsProvider(auth).setRefSpecs(new RefSpec(remote.commit() + ":refs/kiln/wanted")).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new ContextException("git commit '" + remote.commit() + "' not found in " + remote.display(), e);
        }
        ObjectId id = commitIn(git);
        if (id == null) throw new ContextException("git commit '" + remote.commit() + "' not found in " + remote.display());
        return id;
    }

    private ObjectId commitIn(Git git) throws IOException {
        try {
            return git.getRepository().resolve(remote.commit() + "^{commit}");
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            return null;
        }
    }

    private void checkoutObject(Git git, ObjectId id, String what) throws GitAPIException {
        if (id == null) throw new ContextException("git '" + what + "' not found in " + remote.display());
        git.checkout().setName(id.getName()).setForced(true).call();
    }

    private ContextException transport(TransportException e) {
        String m = String.valueOf(e.getMessage());
        String why = m.contains("not authorized") || m.contains("Authentication is required") || m.contains("401")
                ? "git authentication failed (check GIT_USERNAME/GIT_PASSWORD/GIT_TOKEN)"
                : m.contains("not found") || m.contains("404") ? "git repository not found"
                : m.contains("PKIX") || m.contains("certificate") || m.contains("SSL") ? "TLS verification failed (use --git insecure-skip-tls=true to skip it)"
                : "cannot fetch git repository";
        return new ContextException(why + ": " + remote.display() + ": " + m.replace(remote.url(), remote.display()), e);
    }

    private static String qualify(String branch) {
        return branch.startsWith("refs/") ? branch : "refs/heads/" + branch;
    }
}
