package dev.kiln.image;

/** Which family of media types an image's manifest, config and layers use. */
public enum ManifestFormat {
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_GZIP),
    DOCKER(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP);

    private final String manifestType;
    private final String configType;
    private final String gzipLayerType;

    ManifestFormat(String manifestType, String configType, String gzipLayerType) {
        this.manifestType = manifestType;
        this.configType = configType;
        this.gzipLayerType = gzipLayerType;
    }

    public String manifestType() { return manifestType; }
    public String configType() { return configType; }
    public String gzipLayerType() { return gzipLayerType; }

    public static ManifestFormat ofManifestType(String mediaType) {
        if (MediaTypes.DOCKER_MANIFEST.equals(mediaType)) return DOCKER;
        if (MediaTypes.OCI_MANIFEST.equals(mediaType) || mediaType == null) return OCI;
        throw new IllegalArgumentException("not an image manifest media type: " + mediaType);
    }

    /** The layer media type in this format for a layer of the given (possibly other-format) type. */
    public String convertLayerType(String layerType) {
        boolean gzip = layerType.endsWith("gzip");
        boolean zstd = layerType.endsWith("zstd");
        if (this == DOCKER) {
            if (layerType.equals(MediaTypes.DOCKER_LAYER_FOREIGN)) return layerType;
            return gzip ? MediaTypes.DOCKER_LAYER_GZIP : zstd ? MediaTypes.OCI_LAYER_ZSTD : layerType;
        }
        if (layerType.equals(MediaTypes.DOCKER_LAYER_FOREIGN)) return MediaTypes.OCI_LAYER_NONDIST_GZIP;
        return gzip ? MediaTypes.OCI_LAYER_GZIP : zstd ? MediaTypes.OCI_LAYER_ZSTD : layerType;
    }
}
