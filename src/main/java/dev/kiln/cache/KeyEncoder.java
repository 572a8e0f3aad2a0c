package dev.kiln.cache;

import dev.kiln.image.Digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An unambiguous, streamed sha256 encoding of named fields (see docs/cache-keys.md). Every field is written as
 * {@code tag(len32 + utf8)} then a type byte: {@code 0} null, {@code 1} string ({@code len32 + utf8}),
 * {@code 2} list ({@code count32} + strings), {@code 3} map ({@code count32} + key/value strings sorted by key),
 * {@code 4} long ({@code 8 bytes}). No separator characters are ever relied upon. Not thread-safe.
 */
public final class KeyEncoder {
    private final MessageDigest md;

    public KeyEncoder(String domain) {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        str("kiln.cache.key", domain);
    }

    public KeyEncoder str(String tag, String value) {
        tag(tag);
        if (value == null) {
            md.update((byte) 0);
        } else {
            md.update((byte) 1);
            bytes(value);
        }
        return this;
    }

    public KeyEncoder strs(String tag, List<String> values) {
        tag(tag);
        if (values == null) {
            md.update((byte) 0);
            return this;
        }
        md.update((byte) 2);
        len(values.size());
        for (String v : values) nullable(v);
        return this;
    }

    public KeyEncoder map(String tag, Map<String, String> values) {
        tag(tag);
        if (values == null) {
            md.update((byte) 0);
            return this;
        }
        md.update((byte) 3);
        Map<String, String> sorted = new TreeMap<>(values);
        len(sorted.size());
        sorted.forEach((k, v) -> {
            bytes(k);
            nullable(v);
        });
        return this;
    }

    public KeyEncoder num(String tag, long value) {
        tag(tag);
        md.update((byte) 4);
        md.update(ByteBuffer.allocate(8).putLong(value).array());
        return this;
    }

    public KeyEncoder digest(String tag, Digest d) {
        return str(tag, d == null ? null : d.toString());
    }

    public Digest finish() {
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    private void tag(String tag) {
        bytes(tag);
    }

    private void nullable(String v) {
        if (v == null) {
            md.update((byte) 0);
        } else {
            md.update((byte) 1);
            bytes(v);
        }
    }

    private void bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        len(b.length);
        md.update(b);
    }

    private void len(int n) {
        md.update(ByteBuffer.allocate(4).putInt(n).array());
    }
}
