package dev.kiln.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The paths in each layer of a pushed image (skopeo copy to a dir:, then the gzip'd tars are listed). */
final class LayerEntries {
    private LayerEntries() {}

    /** One list per layer, base layers first; paths as in the tar, without a leading "./" or "/". */
    static List<List<String>> of(String ref, Path scratch) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "layers-");
        Tools.skopeoCopy(ref, "dir:" + dir);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        List<List<String>> out = new ArrayList<>();
        for (JsonNode l : manifest.path("layers")) {
            String hex = l.path("digest").asText().substring("sha256:".length());
            out.add(list(dir.resolve(hex)));
        }
        return out;
    }

    /** Every path of the layers added on top of the first {@code baseLayers}. */
    static List<String> added(List<List<String>> layers, int baseLayers) {
        List<String> out = new ArrayList<>();
        for (int i = baseLayers; i < layers.size(); i++) out.addAll(layers.get(i));
        return out;
    }

    private static List<String> list(Path blob) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String n = e.getName();
                while (n.startsWith("./") || n.startsWith("/")) n = n.substring(n.startsWith("./") ? 2 : 1);
                if (n.endsWith("/")) n = n.substring(0, n.length() - 1);
                names.add(n);
            }
        }
        return names;
    }
}
