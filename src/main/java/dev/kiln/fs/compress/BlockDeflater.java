package dev.kiln.fs.compress;

import java.util.Arrays;
import java.util.zip.Deflater;

/** Deflates one block of a parallel gzip stream into raw deflate data that continues the stream before it. */
final class BlockDeflater {
    private BlockDeflater() {}

    record Deflated(byte[] data, int length) {}

    /**
     * @param d          a raw ({@code nowrap}) deflater at the stream's level, freshly {@link Deflater#reset() reset}
     * @param dictionary the previous block (its last {@link ParallelGzip#WINDOW} bytes are used), null for the first
     * @param last       finish the deflate stream (else end with a sync flush, byte-aligned, so the next block follows)
     */
    static Deflated deflate(Deflater d, byte[] dictionary, byte[] data, int length, boolean last) {
        if (dictionary != null) d.setDictionary(dictionary, dictionary.length - ParallelGzip.WINDOW, ParallelGzip.WINDOW);
        d.setInput(data, 0, length);
        byte[] out = new byte[length + (length >> 7) + 64];
        int n = 0;
        if (last) {
            d.finish();
            while (!d.finished()) {
                if (n == out.length) out = Arrays.copyOf(out, out.length * 2);
                n += d.deflate(out, n, out.length - n);
            }
        } else {
            while (true) {
                int room = out.length - n;
                n += d.deflate(out, n, room, Deflater.SYNC_FLUSH);
                if (n < out.length) break;   // room left: every input byte is out, flushed to a byte boundary
                out = Arrays.copyOf(out, out.length * 2);
            }
        }
        return new Deflated(out, n);
    }
}
