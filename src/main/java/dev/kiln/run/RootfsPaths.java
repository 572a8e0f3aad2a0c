package dev.kiln.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Container paths resolved to host paths inside a rootfs, following symlinks as the container would see them:
 * {@code ..} and absolute link targets stay inside the rootfs (like runc's securejoin), so a hostile image cannot
 * make the sandbox mount over, create or read anything outside it.
 */
public final class RootfsPaths {
    private static final int MAX_LINKS = 255;

    private RootfsPaths() {}

    /** The host path of {@code containerPath} inside {@code root} (a real, absolute directory); may not exist. */
    public static Path resolve(Path root, String containerPath) throws SandboxException {
        Deque<String> todo = new ArrayDeque<>(List.of(containerPath.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.removeFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!done.isEmpty()) done.removeLast();
                continue;
            }
            Path candidate = join(root, done).resolve(c);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) throw new SandboxException("too many symlinks resolving " + containerPath + " in " + root);
                String target = readLink(candidate);
                if (target.startsWith("/")) done.clear();
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
            } else {
                done.add(c);
            }
        }
        return join(root, done);
    }

    /**
     * Creates the directory {@code containerPath} and its missing parents, each new one owned by {@code uid:gid}
     * (as BuildKit creates a missing WORKDIR; a negative uid keeps the creator's owner). Returns the host path.
     */
    public static Path mkdirs(Path root, String containerPath, int uid, int gid) throws IOException {
        Path target = resolve(root, containerPath);
        if (Files.isDirectory(target)) return target;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxException("cannot create directory " + containerPath + " in " + root + ": a file is in the way");
        }
        String parent = containerPath.replaceAll("/+$", "");
        parent = parent.substring(0, parent.lastIndexOf('/'));
        mkdirs(root, parent.isEmpty() ? "/" : parent, uid, gid);
        Path again = resolve(root, containerPath);
        if (!Files.isDirectory(again)) {
            Files.createDirectory(again);
            if (uid >= 0) {
                Files.setAttribute(again, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(again, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return again;
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) p = p.resolve(s);
        return p;
    }

    private static String readLink(Path p) throws SandboxException {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new SandboxException("cannot read symlink " + p + ": " + e.getMessage(), e);
        }
    }
}
