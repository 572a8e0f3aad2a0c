package dev.kiln.attest.provenance;

import dev.kiln.image.Digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the builder knows about one build, as provenance states it.
 *
 * @param dockerfile     the Dockerfile's path as given ({@code --dockerfile}) and {@code dockerfileDigest} its content's sha256
 * @param context        {@code --context} as given
 * @param materials      base images (by digest), the context (tree digest, git commit) and ADD downloads
 * @param buildArgs      {@code --build-arg}s (stated in max mode, secret-looking names left out)
 * @param settings       kiln's own settings worth stating in max mode (isolation, snapshot mode, reproducible, …)
 * @param started        start and finish of the build; both the epoch with {@code --reproducible}
 */
public record BuildFacts(String dockerfile, Digest dockerfileDigest, String context, List<String> targets, String platform,
                         List<Material> materials, Map<String, String> buildArgs, Map<String, String> settings,
                         Instant started, Instant finished, String builderVersion) {
    public BuildFacts {
        targets = List.copyOf(targets);
        materials = List.copyOf(materials);
        buildArgs = new TreeMap<>(buildArgs);
        settings = new TreeMap<>(settings);
    }
}
