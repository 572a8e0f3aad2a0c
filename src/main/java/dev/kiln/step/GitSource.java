package dev.kiln.step;

import dev.kiln.rootfs.LayerFactory;

import dev.kiln.source.GitAuth;
import dev.kiln.source.GitRepo;
import dev.kiln.source.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ADD of a git repository ({@code git://…}, {@code git@host:repo}, {@code ssh://…}, or an http(s) URL ending in
 * {@code .git}), cloned with {@link GitRepo}. The fragment selects {@code #ref:subdir} (branch, tag or commit; a directory
 * inside the repository). {@code .git} is removed unless {@code --keep-git-dir}. The checkout is then copied as a
 * directory (owned by root; file modes as git stores them).
 */
public final class GitSource {
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
        String display = repo.replaceFirst("://[^/@]*@", "://");
        try (GitRepo git = GitRepo.clone(new GitRepo.Clone(repo, GitAuth.NONE, null, false, false, false, ref != null, true), checkout)) {
            if (ref != null) {
                String id = git.resolve(ref);
                if (id == null) id = git.resolve("origin/" + ref);
                if (id == null) id = git.resolve("refs/tags/" + ref);
                if (id == null) throw new IOException("git ref " + ref + " not found in " + display);
                git.checkout(id);
            }
        } catch (SourceException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot clone " + display + ": " + String.valueOf(why.getMessage()).replace(repo, display), e);
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
