package dev.kiln.fs.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code user.*} xattrs through the JDK (no native code). Symlinks cannot carry user xattrs on Linux, so they
 * read as having none. Names outside {@code user.} read as absent.
 */
final class UserXattrs implements Xattrs {
    private static final String USER = "user.";

    @Override
    public byte[] get(Path path, String name) throws IOException {
        UserDefinedFileAttributeView v = view(path, name);
        if (v == null) return null;
        String n = name.substring(USER.length());
        try {
            if (!v.list().contains(n)) return null;
            ByteBuffer b = ByteBuffer.allocate(v.size(n));
            v.read(n, b);
            return java.util.Arrays.copyOf(b.array(), b.position());
        } catch (FileSystemException e) {
            return null; // ELOOP on a symlink, ENOTSUP on a filesystem without user xattrs
        }
    }

    @Override
    public List<String> list(Path path, String prefix) throws IOException {
        UserDefinedFileAttributeView v = view(path, USER);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        try {
            for (String n : v.list()) if ((USER + n).startsWith(prefix)) out.add(USER + n);
        } catch (FileSystemException e) {
            return out;
        }
        return out;
    }

    @Override
    public void remove(Path path, String name) throws IOException {
        UserDefinedFileAttributeView v = view(path, name);
        if (v != null) v.delete(name.substring(USER.length()));
    }

    private static UserDefinedFileAttributeView view(Path path, String name) {
        if (!name.startsWith(USER) || Files.isSymbolicLink(path)) return null;
        return Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
