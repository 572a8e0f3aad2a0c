package dev.kiln.attest.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Java archives ({@code .jar}, {@code .war}, {@code .ear}), read as a stream: each {@code META-INF/maven/…/pom.properties}
 * is a Maven package; an archive without one is named by its manifest ({@code Implementation-*}, {@code Bundle-*}) or
 * its file name. Archives nested one level deep ({@code BOOT-INF/lib}, {@code WEB-INF/lib}) are read too.
 */
final class JarCataloger implements Cataloger {
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
    private static final Pattern FILE_NAME = Pattern.compile("(.+?)-(\\d[^/]*)\\.[jwe]ar");

    @Override
    public boolean wants(String path) {
        return isArchive(path);
    }

    private static boolean isArchive(String path) {
        return path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear");
    }

    @Override
    public List<PackageRecord> read(String path, InputStream in) throws IOException {
        return read(path, in, 0);
    }

    private List<PackageRecord> read(String path, InputStream in, int depth) throws IOException {
        List<PackageRecord> own = new ArrayList<>(), nested = new ArrayList<>();
        Manifest manifest = null;
        ZipInputStream zip = new ZipInputStream(in);
        try {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String n = e.getName();
                if (n.equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(LimitedRead.all(zip, path + "!" + n)));
                } else if (POM_PROPERTIES.matcher(n).matches()) {
                    PackageRecord p = pom(LimitedRead.all(zip, path + "!" + n));
                    if (p != null) own.add(p);
                } else if (depth == 0 && isArchive(n) && !e.isDirectory()) {
                    nested.addAll(read(path + "!" + n, zip, depth + 1));
                }
            }
        } catch (java.util.zip.ZipException e) {
            if (own.isEmpty() && manifest == null && nested.isEmpty()) return List.of(); // not a zip after all
        }
        if (own.isEmpty()) own.add(fromManifest(path, manifest));
        own.addAll(nested);
        return own;
    }

    private static PackageRecord pom(byte[] bytes) throws IOException {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        String g = p.getProperty("groupId"), a = p.getProperty("artifactId"), v = p.getProperty("version");
        if (a == null || a.isBlank()) return null;
        return new PackageRecord(Ecosystem.MAVEN, g == null || g.isBlank() ? a : g + ":" + a, v,
                Purls.of(Ecosystem.MAVEN, g, a, v), List.of(), null);
    }

    private static PackageRecord fromManifest(String path, Manifest m) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        Matcher fm = FILE_NAME.matcher(file);
        String name = fm.matches() ? fm.group(1) : file.substring(0, file.length() - 4);
        String version = fm.matches() ? fm.group(2) : null;
        String group = null;
        List<String> licenses = List.of();
        if (m != null) {
            var a = m.getMainAttributes();
            name = first(a.getValue("Bundle-SymbolicName"), a.getValue("Implementation-Title"), name);
            if (name.contains(";")) name = name.substring(0, name.indexOf(';')).strip();
            version = first(a.getValue("Implementation-Version"), a.getValue("Bundle-Version"), version);
            group = first(a.getValue("Implementation-Vendor-Id"), null, null);
            String lic = a.getValue("Bundle-License");
            if (lic != null && !lic.isBlank()) licenses = List.of(lic.strip());
        }
        return new PackageRecord(Ecosystem.MAVEN, group == null ? name : group + ":" + name, version,
                Purls.of(Ecosystem.MAVEN, group, name, version), licenses, null);
    }

    private static String first(String a, String b, String c) {
        if (a != null && !a.isBlank()) return a.strip();
        if (b != null && !b.isBlank()) return b.strip();
        return c;
    }
}
