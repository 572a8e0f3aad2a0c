package dev.kiln.attest.sbom;

/** Where a package was found: a distribution database or a language's package metadata. */
public enum Ecosystem {
    DEB("deb"), APK("apk"), MAVEN("maven"), PYPI("pypi"), NPM("npm"), GOLANG("golang");

    private final String purlType;

    Ecosystem(String purlType) {
        this.purlType = purlType;
    }

    /** The package-URL type ({@code pkg:<type>/…}). */
    public String purlType() {
        return purlType;
    }

    public boolean isOs() {
        return this == DEB || this == APK;
    }
}
