package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.source.GitAuth;
import dev.kiln.source.GitRepo;
import dev.kiln.source.SourceException;
import org.eclipse.jgit.api.errors.TransportException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A git context checked out with {@link GitRepo}, as Kaniko does it: {@code git://host/repo}
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
        List<String> refs;
        try {
            refs = GitRepo.remoteRefs(remote.url(), auth);
        } catch (SourceException e) {
            throw failure(e, "cannot list " + remote.display());
        }
        if (branch != null && !refs.contains(branch)) {
            throw new ContextException("git branch '" + branch + "' not found in " + remote.display());
        }
        if (remote.fetchRef() != null && !refs.contains(remote.fetchRef())) {
            throw new ContextException("git ref '" + remote.fetchRef() + "' not found in " + remote.display());
        }
        events.emit(Event.info("context", "cloning " + remote.display() + (branch != null ? " (" + branch + ")" : "")));
        boolean shallow = remote.commit() == null && remote.fetchRef() == null;
        var clone = new GitRepo.Clone(remote.url(), auth, branch, !options.singleBranch() && branch == null, shallow,
                options.recurseSubmodules(), false, false);
        try (GitRepo git = GitRepo.clone(clone, dir)) {
            if (remote.fetchRef() != null) {
                git.fetch(remote.fetchRef(), remote.fetchRef());
                if (remote.commit() == null) checkoutObject(git, git.resolve(remote.fetchRef()), remote.fetchRef());
            }
            if (remote.commit() != null) {
                String id = commitIn(git);
                if (id == null) id = fetchCommit(git);
                checkoutObject(git, id, remote.commit());
            }
            if (options.recurseSubmodules() && (remote.commit() != null || remote.fetchRef() != null)) git.updateSubmodules();
        } catch (SourceException e) {
            throw failure(e, "git checkout of " + remote.display() + " failed");
        }
        ResolvedContext.deleteTree(dir.resolve(".git"));
    }

    /** A commit no branch tip reaches in a full clone: ask for it by id (servers allowing that). */
    private String fetchCommit(GitRepo git) throws IOException {
        try {
            git.fetch(remote.commit(), "refs/kiln/wanted");
        } catch (SourceException e) {
            throw new ContextException("git commit '" + remote.commit() + "' not found in " + remote.display(), e);
        }
        String id = commitIn(git);
        if (id == null) throw new ContextException("git commit '" + remote.commit() + "' not found in " + remote.display());
        return id;
    }

    private String commitIn(GitRepo git) throws IOException {
        return git.resolve(remote.commit() + "^{commit}");
    }

    private void checkoutObject(GitRepo git, String id, String what) throws SourceException {
        if (id == null) throw new ContextException("git '" + what + "' not found in " + remote.display());
        git.checkout(id);
    }

    private ContextException failure(SourceException e, String what) {
        if (e.getCause() instanceof TransportException t) return transport(t);
        String m = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return new ContextException(what + ": " + String.valueOf(m).replace(remote.url(), remote.display()), e);
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
