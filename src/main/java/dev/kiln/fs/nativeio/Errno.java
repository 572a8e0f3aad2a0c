package dev.kiln.fs.nativeio;

/** Linux errno values kiln checks for (same on x86_64 and aarch64). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;

    private Errno() {}
}
