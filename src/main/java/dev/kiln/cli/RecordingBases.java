package dev.kiln.cli;

import dev.kiln.attest.provenance.Material;
import dev.kiln.image.Platform;
import dev.kiln.plan.BaseImage;
import dev.kiln.plan.BaseImageResolver;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Base-image resolution that remembers what it resolved, by digest: the provenance's base-image materials. */
final class RecordingBases implements BaseImageResolver {
    private final BaseImageResolver inner;
    private final List<Material> seen = new ArrayList<>();

    RecordingBases(BaseImageResolver inner) {
        this.inner = inner;
    }

    @Override
    public BaseImage resolve(String imageRef, Platform platform) throws IOException {
        BaseImage b = inner.resolve(imageRef, platform);
        String uri = "pkg:docker/" + b.name() + "?platform=" + URLEncoder.encode(platform.toString(), StandardCharsets.UTF_8);
        synchronized (seen) {
            Material m = Material.of(uri, b.manifestDigest());
            if (!seen.contains(m)) seen.add(m);
        }
        return b;
    }

    List<Material> materials() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
