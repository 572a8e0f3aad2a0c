package dev.kiln.fs.compress;

/**
 * Raw deflate "stored" blocks (RFC 1951 §3.2.4, BTYPE 00): the data copied as is, in pieces of at most 65,535 bytes,
 * each after a byte-aligned header (BFINAL and BTYPE in one byte, then LEN and its one's complement NLEN, little
 * endian). Stored blocks start and end on a byte boundary, as the sync-flushed deflate blocks around them do, so they
 * join a parallel gzip stream anywhere; the last piece of the stream's last block has BFINAL set.
 */
final class StoredBlocks {
    static final int MAX = 65_535;

    private StoredBlocks() {}

    static BlockDeflater.Deflated of(byte[] data, int length, boolean last) {
        int pieces = Math.max(1, (length + MAX - 1) / MAX);
        byte[] out = new byte[length + 5 * pieces];
        int n = 0;
        int off = 0;
        for (int i = 0; i < pieces; i++) {
            int len = Math.min(MAX, length - off);
            out[n++] = (byte) (last && i == pieces - 1 ? 1 : 0);
            out[n++] = (byte) len;
            out[n++] = (byte) (len >>> 8);
            out[n++] = (byte) ~len;
            out[n++] = (byte) (~len >>> 8);
            System.arraycopy(data, off, out, n, len);
            n += len;
            off += len;
        }
        return new BlockDeflater.Deflated(out, n);
    }
}
