package dev.kiln.registry;

import dev.kiln.image.BlobOrigin;
import dev.kiln.image.Digest;

import java.util.Locale;

/**
 * An image reference normalised as Docker does ({@code busybox} is {@code docker.io/library/busybox:latest}).
 * When both a tag and a digest are given, the digest is what is fetched.
 *
 * @param registry   registry name as users write it ({@code docker.io}, {@code 127.0.0.1:5000})
 * @param repository repository path inside the registry ({@code library/busybox})
 * @param tag        tag, or null
 * @param digest     digest, or null (at least one of tag and digest is set)
 */
public record Reference(String registry, String repository, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    public static final String DOCKER_HUB_API = "registry-1.docker.io";
    public static final String DEFAULT_TAG = "latest";

    public Reference {
        if (registry == null || !ReferenceGrammar.DOMAIN.matcher(registry).matches()) {
            throw new IllegalArgumentException("invalid registry '" + registry + "' in image reference");
        }
        if (repository == null || !repository.toLowerCase(Locale.ROOT).equals(repository)) {
            throw new IllegalArgumentException("invalid repository '" + repository + "': repository name must be lowercase");
        }
        if (!ReferenceGrammar.PATH.matcher(repository).matches()) {
            throw new IllegalArgumentException("invalid repository name '" + repository
                    + "': components must be lowercase letters and digits separated by '.', '_', '__' or '-'");
        }
        if (registry.length() + 1 + repository.length() > ReferenceGrammar.NAME_MAX) {
            throw new IllegalArgumentException("repository name '" + registry + "/" + repository
                    + "' is longer than " + ReferenceGrammar.NAME_MAX + " characters");
        }
        if (tag != null && !ReferenceGrammar.TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid tag '" + tag + "': expected [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        }
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("image reference " + registry + "/" + repository + " needs a tag or a digest");
        }
    }

    /** Parses a reference the way {@code docker pull} normalises it. */
    public static Reference parse(String s) {
        return ReferenceParser.parse(s);
    }

    /** The host the distribution API is served from ({@code registry-1.docker.io} for Docker Hub). */
    public static String apiHost(String registry) {
        return DOCKER_HUB.equals(registry) ? DOCKER_HUB_API : registry;
    }

    /** What to put in {@code /v2/<name>/manifests/<reference>}: the digest if present, else the tag. */
    public String reference() {
        return digest != null ? digest.toString() : tag;
    }

    public Reference withTag(String newTag) {
        return new Reference(registry, repository, newTag, null);
    }

    public Reference withDigest(Digest newDigest) {
        return new Reference(registry, repository, tag, newDigest);
    }

    /** The repository this reference lives in (registry + repository). */
    public BlobOrigin context() {
        return new BlobOrigin(registry, repository);
    }

    /** {@code registry/repository} without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
