package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:0123…}, validated on construction. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        switch (algorithm) {
            case "sha256" -> require(SHA256, hex, algorithm);
            case "sha512" -> require(SHA512, hex, algorithm);
            default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "'");
        }
    }

    private static void require(Pattern p, String hex, String algorithm) {
        if (hex == null || !p.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid " + algorithm + " digest hex '" + hex + "'");
        }
    }

    @JsonCreator
    public static Digest parse(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("invalid digest '" + s + "': expected algorithm:hex");
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest sha256(byte[] data) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(data)));
    }

    public static Digest ofSha256(MessageDigest md) {
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh MessageDigest for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex form of a finished MessageDigest for this digest's algorithm. */
    public boolean matches(MessageDigest finished) {
        return hex.equals(HexFormat.of().formatHex(finished.digest()));
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
