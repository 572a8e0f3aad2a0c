package dev.kiln.fs.compress;

import java.util.zip.Deflater;

/**
 * One worker's encoder for the blocks of a parallel gzip stream: a block that does not compress (random data, or files
 * that are compressed already: archives, images, most of a 1 GiB layer of binaries) is written as stored deflate blocks
 * — a copy — instead of being run through deflate for nothing, which is most of the CPU a layer of such data costs.
 * Whether it compresses: a small sample at its start is deflated at level 1 (a block that compresses is almost always
 * caught here, for about 1.6 % extra work); only if that sample does not shrink, every {@link #WINDOW} bytes of the
 * block are checked for their byte entropy, and one window under {@link #STORE_BITS} bits per byte (text, zeros, tables
 * — anything deflate would shrink by a few per cent) is enough to deflate the block normally. The output depends only
 * on the block's bytes (never on timing or threads), and is valid deflate data either way.
 */
final class BlockEncoder {
    /** Bytes per probe sample: small against the 128 KiB block (about 1.6 % extra work for a block that compresses). */
    static final int SAMPLE = 2048;
    /** A sample counts as incompressible when deflate saves fewer than 1/32 of its bytes. */
    static final int SLACK = SAMPLE / 32;
    /** Bytes per entropy window. */
    static final int WINDOW = 4096;
    /** Windows at or above this many bits of (order-0) entropy per byte are stored; random data has about 7.95. */
    static final double STORE_BITS = 7.8;
    /** c·log2(c) for every count a window can hold. */
    private static final double[] C_LOG_C = cLogC();
    /** A window's Σ c·log2(c) at most this is at least {@link #STORE_BITS} bits per byte: H = log2(N) - Σ/N. */
    private static final double MAX_SUM = (Math.log(WINDOW) / Math.log(2) - STORE_BITS) * WINDOW;

    private final Deflater deflater;
    private final Deflater probe = new Deflater(1, true);
    private final byte[] scratch = new byte[SAMPLE + 64];

    BlockEncoder(int level) {
        this.deflater = new Deflater(level, true);
    }

    /** As {@link BlockDeflater#deflate}, or stored blocks when the block does not compress. */
    BlockDeflater.Deflated encode(byte[] dictionary, byte[] data, int length, boolean last) {
        if (incompressible(data, length)) return StoredBlocks.of(data, length, last);
        try {
            return BlockDeflater.deflate(deflater, dictionary, data, length, last);
        } finally {
            deflater.reset();
        }
    }

    boolean incompressible(byte[] data, int length) {
        if (length < 8 * SAMPLE || deflatedSize(data, 0) < SAMPLE - SLACK) return false;
        int[] counts = new int[256];
        for (int off = 0; off + WINDOW <= length; off += WINDOW) {
            java.util.Arrays.fill(counts, 0);
            for (int i = off; i < off + WINDOW; i++) counts[data[i] & 0xff]++;
            double sum = 0;
            for (int c : counts) sum += C_LOG_C[c];
            if (sum > MAX_SUM) return false;
        }
        return true;
    }

    private static double[] cLogC() {
        double[] t = new double[WINDOW + 1];
        for (int c = 2; c <= WINDOW; c++) t[c] = c * (Math.log(c) / Math.log(2));
        return t;
    }

    private int deflatedSize(byte[] data, int off) {
        probe.reset();
        probe.setInput(data, off, SAMPLE);
        probe.finish();
        int n = 0;
        while (!probe.finished()) n += probe.deflate(scratch, 0, scratch.length);
        return n;
    }

    void end() {
        deflater.end();
        probe.end();
    }
}
