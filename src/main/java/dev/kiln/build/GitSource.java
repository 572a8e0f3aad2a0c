package dev.kiln.build;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ADD of a git repository ({@code git://…}, {@code git@host:repo}, {@code ssh://…}, or an http(s) URL ending in
 * {@code .git}), cloned with JGit. The fragment selects {@code #ref:subdir} (branch, tag or commit; a directory
 * inside the repository). {@code .git} is removed unless {@code --keep-git-dir}. The checkout is then copied as a
 * directory (owned by root; file modes as git stores them).
 */
final class GitSource {
    private GitSource() {}

    static boolean isGit(String src) {
        String l = src.toLowerCase(Locale.ROOT);
        String noFrag = l.contains("#") ? l.substring(0, l.indexOf('#')) : l;
        return l.startsWith("git://") || l.startsWith("git@") || l.startsWith("ssh://")
                || (UrlSource.isUrl(l) && (noFrag.endsWith(".git") || noFrag.endsWith(".git/")));
    }

    /** Clones {@code url} into {@code dir}/repo and returns the directory to copy (the subdir when one is named). */
    static Path fetch(String url, boolean keepGitDir, Path dir) throws IOException {
        String repo = url;
        String ref = null;
        String subdir = null;
        int hash = url.indexOf('#');
        if (hash >= 0) {
            repo = url.substring(0, hash);
            String frag = url.substring(hash + 1);
            int colon = frag.indexOf(':');
            ref = colon < 0 ? frag : frag.substring(0, colon);
            subdir = colon < 0 ? null : frag.substring(colon + 1);
            if (ref.isEmpty()) ref = null;
        }
        if (repo.startsWith("git@")) repo = "ssh://" + repo.substring(4).replaceFirst(":", "/");
        Path checkout = dir.resolve("repo");
        try (Git git = Git.cloneRepository().setURI(repo).setDirectory(checkout.toFile()).setCloneAllBranches(false)
                .setNoCheckout(ref != null).call()) {
            if (ref != null) {
                ObjectId id = git.getRepository().resolve(ref);
                if (id == null) id = git.getRepository().resolve("origin/" + ref);
                if (id == null) id = git.getRepository().resolve("refs/tags/" + ref);
                if (id == null) throw new IOException("git ref " + ref + " not found in " + repo);
                git.checkout().setName(id.getName()).call();
            }
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException("cannot clone " + repo + ": " + e.getMessage(), e);
        }
        if (!keepGitDir) LayerFactory.deleteTree(checkout.resolve(".git"));
        Path out = checkout;
        if (subdir != null && !subdir.isEmpty()) {
            out = checkout.resolve(subdir).normalize();
            if (!out.startsWith(checkout) || !Files.isDirectory(out)) {
                throw new IOException("subdirectory " + subdir + " not found in " + repo);
            }
        }
        return out;
    }
}
