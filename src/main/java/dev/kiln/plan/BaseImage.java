package dev.kiln.plan;

import dev.kiln.image.Digest;
import dev.kiln.image.Image;

/** A resolved base image: the image value, its manifest digest (null for scratch) and the normalized name. */
public record BaseImage(String name, Digest manifestDigest, Image image) {}
