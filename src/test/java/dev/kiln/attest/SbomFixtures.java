package dev.kiln.attest;

import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.Platform;
import dev.kiln.testsupport.GzipTarLayer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A three-layer image with dpkg, Maven, Python and npm packages, and a whiteout (see {@link #image}). */
public final class SbomFixtures {
    private SbomFixtures() {}

    static final String STATUS_BASE = """
            Package: base-files
            Status: install ok installed
            Architecture: amd64
            Version: 12.4+deb12u5

            Package: libfoo1
            Status: install ok installed
            Architecture: amd64
            Description: a library
             with a long description
            Version: 1.0-1

            Package: oldpkg
            Status: deinstall ok config-files
            Architecture: all
            Version: 0.1
            """;

    /**
     * Layer 0: os-release (debian 12; etc/os-release a symlink, as in Debian), dpkg status (2 installed, 1 config-files only), a DEP-5 copyright (MIT).
     * Layer 1: status plus curl; a jar with pom.properties and a nested jar; a Python dist-info; two npm packages.
     * Layer 2: whiteout of one npm package.
     */
    public static Image image(Path dir) throws IOException {
        Map<String, byte[]> l0 = new LinkedHashMap<>();
        l0.put("etc/os-release", text(dev.kiln.testsupport.GzipTarLayer.SYMLINK + "../usr/lib/os-release"));
        l0.put("usr/lib/os-release", text("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"));
        l0.put("var/lib/dpkg/status", text(STATUS_BASE));
        l0.put("usr/share/doc/libfoo1/copyright", text("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: someone\nLicense: MIT\n"));
        Map<String, byte[]> l1 = new LinkedHashMap<>();
        l1.put("var/lib/dpkg/status", text(STATUS_BASE + "\nPackage: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u8\n"));
        l1.put("app/lib/demo-1.0.jar", jar(Map.of("META-INF/MANIFEST.MF", text("Manifest-Version: 1.0\n"),
                "META-INF/maven/com.example/demo/pom.properties", text("groupId=com.example\nartifactId=demo\nversion=1.0\n"),
                "BOOT-INF/lib/inner-2.1.jar", jar(Map.of("META-INF/MANIFEST.MF",
                        text("Manifest-Version: 1.0\nImplementation-Title: inner\nImplementation-Version: 2.1\nImplementation-Vendor-Id: org.inner\nBundle-License: Apache-2.0\n"))))));
        l1.put("usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                text("Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache-2.0\n\nlong text\nName: not-this\n"));
        l1.put("app/node_modules/@scope/pkg/package.json", text("{\"name\":\"@scope/pkg\",\"version\":\"1.2.3\",\"license\":\"MIT\"}"));
        l1.put("app/node_modules/left-pad/package.json", text("{\"name\":\"left-pad\",\"version\":\"1.3.0\",\"license\":\"WTFPL\"}"));
        l1.put("app/src/package.json", text("{\"name\":\"not-a-dependency\",\"version\":\"0.0.1\"}"));
        Map<String, byte[]> l2 = new LinkedHashMap<>();
        l2.put("app/node_modules/.wh.left-pad", new byte[0]);
        Image img = new Image(ManifestFormat.OCI, ImageConfig.scratch(Platform.host()), List.of());
        int i = 0;
        for (Map<String, byte[]> l : List.of(l0, l1, l2)) {
            img = img.plusLayer(GzipTarLayer.createBytes(dir.resolve("layer" + (i++) + ".tar.gz"), l));
        }
        return img;
    }

    public static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
