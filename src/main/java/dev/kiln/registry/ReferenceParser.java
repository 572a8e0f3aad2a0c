package dev.kiln.registry;

import dev.kiln.image.Digest;

import java.util.Locale;

/** Splits a reference string into domain, path, tag and digest (distribution's ParseNormalizedNamed). */
final class ReferenceParser {
    private ReferenceParser() {}

    static Reference parse(String s) {
        if (s == null || s.isEmpty()) throw new IllegalArgumentException("invalid image reference: empty");
        if (ReferenceGrammar.IDENTIFIER.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid repository name '" + s + "': cannot specify 64-byte hexadecimal strings");
        }
        String rest = s;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = parseDigest(s, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!ReferenceGrammar.TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid image reference '" + s + "': invalid tag '" + tag + "'");
            }
        }
        if (rest.isEmpty()) throw new IllegalArgumentException("invalid image reference '" + s + "': no repository name");
        String domain = Reference.DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.toLowerCase(Locale.ROOT).equals(first)) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (domain.equals("index.docker.io")) domain = Reference.DOCKER_HUB;
        if (domain.equals(Reference.DOCKER_HUB) && path.indexOf('/') < 0) path = "library/" + path;
        if (!ReferenceGrammar.DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("invalid image reference '" + s + "': invalid registry host '" + domain + "'");
        }
        if (!path.toLowerCase(Locale.ROOT).equals(path)) {
            throw new IllegalArgumentException("invalid image reference '" + s + "': repository name must be lowercase");
        }
        if (!ReferenceGrammar.PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("invalid image reference '" + s + "': invalid repository name '" + path + "'");
        }
        if (tag == null && digest == null) tag = Reference.DEFAULT_TAG;
        return new Reference(domain, path, tag, digest);
    }

    private static Digest parseDigest(String s, String d) {
        try {
            return Digest.parse(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid image reference '" + s + "': " + e.getMessage(), e);
        }
    }
}
