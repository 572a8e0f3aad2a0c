package dev.kiln.cli;

import dev.kiln.build.BaseImageNames;
import dev.kiln.build.ShellWords;
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
import java.util.LinkedHashMap;
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
        EventSink events = f.log.sink(f.verbosity, System.err);
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
        RegistryImages registry = new RegistryImages(opts, DockerConfig.load(dockerConfigDir()), events);
        int pulled = new Warmer(new BaseImageCache(f.cacheDir), registry, events)
                .warm(images, platform, CacheSetup.ttl(f.cacheTtl, cl), f.force);
        events.emit(Event.info("done", "warmed " + pulled + " of " + images.size() + " image(s) into " + f.cacheDir));
        return 0;
    }

    private Map<String, String> buildArgs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : f.buildArgs) {
            int eq = a.indexOf('=');
            if (eq == 0) throw new CommandLine.ParameterException(cl, "invalid --build-arg '" + a + "': empty name");
            if (eq > 0) m.put(a.substring(0, eq), a.substring(eq + 1));
            else if (System.getenv(a) != null) m.put(a, System.getenv(a));
        }
        return m;
    }

    private static Path dockerConfigDir() {
        String env = System.getenv("DOCKER_CONFIG");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".docker");
    }
}
