package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import dev.kiln.fs.extract.SecureJoin;
import dev.kiln.source.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Unpacks a context archive (tar, optionally gzip, bzip2, xz or zstd compressed: found from the magic bytes by {@link Compression}) from
 * a stream into a directory, entry by entry as the bytes arrive, never holding more than a buffer. As path-safe
 * as layer extraction: every name and hard-link target goes through {@link SecureJoin} with the directory as
 * root, so no entry lands outside it (a symlink in the archive is kept, but later entries are resolved through
 * it inside the directory). Devices and FIFOs are skipped (a context has no use for them); owners are not
 * kept (COPY sets them). Directory modes are applied last so read-only directories can still be filled.
 */
public final class ArchiveUnpacker {
    /** What was unpacked. */
    public record Summary(long entries, long bytes, String compression) {}

    private record DirMode(Path dir, Set<PosixFilePermission> perms, FileTime mtime) {}

    private final String source;

    /** @param source the archive's name in error messages */
    public ArchiveUnpacker(String source) {
        this.source = source;
    }

    public Summary unpack(InputStream raw, Path dest) throws IOException {
        Path root = dest.toRealPath();
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        Compression compression = Compression.detect(in);
        List<DirMode> dirs = new ArrayList<>();
        long entries = 0, bytes = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(compression.decompress(in))) {
            TarArchiveEntry e;
            while ((e = nextEntry(tar)) != null) {
                entries++;
                bytes += write(tar, e, root, dirs);
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            DirMode d = dirs.get(i);
            Files.setPosixFilePermissions(d.dir(), d.perms());
            Files.setLastModifiedTime(d.dir(), d.mtime());
        }
        if (entries == 0) throw new ContextException("context archive " + source + " is empty or not a tar archive");
        return new Summary(entries, bytes, compression.label());
    }

    private TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw new ContextException("context archive " + source + " is not a valid tar archive: " + e.getMessage(), e);
        }
    }

    private long write(TarArchiveInputStream tar, TarArchiveEntry e, Path root, List<DirMode> dirs) throws IOException {
        String name = e.getName();
        Path target = SecureJoin.resolve(root, name, false);
        if (target.equals(root) && !e.isDirectory()) {
            throw new ContextException("context archive " + source + ": entry '" + name + "' names the context root");
        }
        FileTime mtime = FileTime.from(e.getModTime().toInstant());
        if (e.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(target);
                Files.createDirectories(target);
            }
            dirs.add(new DirMode(target, perms(e.getMode()), mtime));
            return 0;
        }
        Files.createDirectories(target.getParent());
        if (e.isSymbolicLink()) {
            replace(target);
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            return 0;
        }
        if (e.isLink()) {
            Path existing = SecureJoin.resolve(root, e.getLinkName(), false);
            if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw new ContextException("context archive " + source + ": hard link '" + name + "' to '"
                        + e.getLinkName() + "', which is not a regular file earlier in the archive");
            }
            replace(target);
            Files.createLink(target, existing);
            return 0;
        }
        if (!e.isFile()) return 0;
        replace(target);
        long n = Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, perms(e.getMode()));
        Files.setLastModifiedTime(target, mtime);
        return n;
    }

    private static void replace(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(target)) {
                if (s.findAny().isPresent()) throw new FileAlreadyExistsException(target + " is a non-empty directory");
            }
        }
        Files.deleteIfExists(target);
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();   // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) if ((mode & (1 << (8 - i))) != 0) s.add(all[i]);
        return s;
    }
}
