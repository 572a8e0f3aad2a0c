package dev.kiln.cli;

import dev.kiln.plan.BaseImageNames;
import dev.kiln.plan.ShellWords;
import dev.kiln.cache.BaseImageCache;
import dev.kiln.cache.Warmer;
import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Platform;
import dev.kiln.registry.DockerConfig;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistryOptions;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Composition root of {@code kiln warm}. */
final class WarmRunner {
    private final WarmCommand f;
    private final CommandLine cl;

    WarmRunner(WarmCommand flags, CommandLine cl) {
        this.f = flags;
        this.cl = cl;
    }

    int run() throws IOException {
        EventSink events = f.log.sink(f.verbosity, System.err); // warm has no steps: plain lines, nothing to end
        String customPlatform = f.customPlatform != null ? f.customPlatform : f.registry.customPlatform;
        Platform platform;
        try {
            platform = customPlatform == null ? Platform.host() : Platform.parse(customPlatform);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --custom-platform: " + e.getMessage());
        }
        List<String> images = new ArrayList<>(f.images);
        if (f.dockerfile != null) {
            if (!Files.isRegularFile(f.dockerfile)) throw new CommandLine.ParameterException(cl, "Dockerfile not found: " + f.dockerfile);
            Dockerfile df = DockerfileParser.parse(Files.readString(f.dockerfile, StandardCharsets.UTF_8), f.dockerfile.toString());
            for (String name : BaseImageNames.of(df, buildArgs(), platform, ShellWords.forEscape(df.escapeToken()))) {
                if (!images.contains(name)) images.add(name);
            }
        }
        if (images.isEmpty()) throw new CommandLine.ParameterException(cl, "nothing to warm: give --image or --dockerfile");
        RegistryOptions opts = f.registry.applyTo(RegistryOptions.DEFAULT, cl)
                .withInsecureRegistries(Set.copyOf(f.insecureRegistries))
                .withInsecureAll(f.insecure)
                .withInsecurePull(f.insecurePull)
                .withSkipTlsVerify(f.skipTlsVerify)
                .withSkipTlsVerifyPull(f.skipTlsVerifyPull)
                .withUserAgent("kiln/" + Version.version())
                .withRetry(dev.kiln.registry.Retry.DEFAULT.withDownloadRetries(Math.max(0, f.imageDownloadRetry)));
        int pulled;
        try (RegistryImages registry = new RegistryImages(opts, DockerConfig.load(CliEnvironment.dockerConfigDir(System.getenv(), System.getProperty("user.home"))), events)) {
            pulled = new Warmer(new BaseImageCache(f.cacheDir), registry, events)
                    .warm(images, platform, BuildRequests.ttl(f.cacheTtl, cl), f.force);
        }
        events.emit(Event.info("done", "warmed " + pulled + " of " + images.size() + " image(s) into " + f.cacheDir));
        return 0;
    }

    private Map<String, String> buildArgs() {
        try {
            return CliEnvironment.buildArgs(f.buildArgs, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
