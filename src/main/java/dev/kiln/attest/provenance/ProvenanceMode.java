package dev.kiln.attest.provenance;

/** {@code --provenance=min|max}: max adds the build arguments (secret-looking ones left out) and kiln's own settings. */
public enum ProvenanceMode { MIN, MAX }
