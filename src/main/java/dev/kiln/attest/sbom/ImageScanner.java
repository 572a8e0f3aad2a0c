package dev.kiln.attest.sbom;

import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds the packages of an image's final filesystem from its layers alone: each layer is read once (all in parallel),
 * then the findings are folded bottom-up with the layers' whiteouts, so a package deleted by a later layer is gone and
 * each package is attributed to the layer since which it has been there at the same version. Depends only on the
 * layer contents, so a cached build gives the same result as an uncached one.
 */
public final class ImageScanner {
    private ImageScanner() {}

    /** The packages, sorted by ecosystem, name, version and path, and the distribution the image declares. */
    public record Result(List<SbomPackage> packages, Distro distro) {}

    public static Result scan(Image image) throws IOException {
        List<LayerFindings> findings = readAll(image.layers());
        List<Digest> diffIds = image.config().rootfs().diffIds();
        Map<String, List<SbomPackage>> packages = new TreeMap<>();
        Map<String, List<String>> licenses = new HashMap<>();
        Map<String, String> osRelease = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            LayerFindings f = findings.get(i);
            for (Map<String, ?> m : List.of(packages, licenses, osRelease)) remove(m, f);
            for (var e : f.packages().entrySet()) packages.put(e.getKey(), attribute(packages.get(e.getKey()), e.getValue(), e.getKey(), i, diffIds.get(i)));
            licenses.putAll(f.debLicenses());
            osRelease.putAll(f.osRelease());
        }
        String os = osRelease.getOrDefault("etc/os-release", osRelease.get("usr/lib/os-release"));
        Distro distro = os == null ? Distro.UNKNOWN : Distro.parse(os);
        List<SbomPackage> out = new ArrayList<>();
        for (List<SbomPackage> ps : packages.values()) {
            for (SbomPackage p : ps) {
                PackageRecord r = p.record().forDistro(distro);
                if (r.ecosystem() == Ecosystem.DEB && r.licenses().isEmpty()) {
                    r = r.withLicenses(licenses.getOrDefault("usr/share/doc/" + r.name() + "/copyright", List.of()));
                }
                out.add(new SbomPackage(r, p.path(), p.layerIndex(), p.layer()));
            }
        }
        out.sort(Comparator.comparing((SbomPackage p) -> p.record().ecosystem()).thenComparing(p -> p.record().name())
                .thenComparing(p -> p.record().version()).thenComparing(SbomPackage::path));
        return new Result(List.copyOf(out), distro);
    }

    /** A package already listed by the same file at the same version keeps its older layer. */
    private static List<SbomPackage> attribute(List<SbomPackage> before, List<PackageRecord> now, String path, int layer, Digest diffId) {
        Map<String, SbomPackage> old = new HashMap<>();
        if (before != null) for (SbomPackage p : before) old.put(p.record().key(), p);
        List<SbomPackage> out = new ArrayList<>(now.size());
        for (PackageRecord r : now) {
            SbomPackage o = old.get(r.key());
            out.add(o != null ? new SbomPackage(r, path, o.layerIndex(), o.layer()) : new SbomPackage(r, path, layer, diffId));
        }
        return out;
    }

    private static void remove(Map<String, ?> m, LayerFindings f) {
        m.keySet().removeIf(p -> f.replaced().contains(p) || under(p, f.removed(), true) || under(p, f.opaqueDirs(), false));
    }

    /** True if an ancestor of {@code path} (or, with {@code self}, the path itself) is in {@code dirs}. */
    private static boolean under(String path, java.util.Set<String> dirs, boolean self) {
        if (dirs.isEmpty()) return false;
        if (self && dirs.contains(path)) return true;
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            if (dirs.contains(path.substring(0, i))) return true;
        }
        return dirs.contains("") && !self; // an opaque root
    }

    private static List<LayerFindings> readAll(List<Layer> layers) throws IOException {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<LayerFindings>> fs = new ArrayList<>();
            for (Layer l : layers) fs.add(pool.submit(() -> LayerReader.read(l)));
            List<LayerFindings> out = new ArrayList<>();
            for (Future<LayerFindings> f : fs) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("SBOM: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("SBOM scan interrupted");
        }
    }
}
