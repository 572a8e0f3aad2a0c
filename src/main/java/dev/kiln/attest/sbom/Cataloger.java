package dev.kiln.attest.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads one kind of package metadata file. Paths are relative to the image root, without a leading slash. */
interface Cataloger {
    /** True if the file at {@code path} is one this cataloger reads. */
    boolean wants(String path);

    /** The packages the file declares; {@code in} is the file's content (not closed here). */
    List<PackageRecord> read(String path, InputStream in) throws IOException;
}
