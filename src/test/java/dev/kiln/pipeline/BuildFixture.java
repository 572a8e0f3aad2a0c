package dev.kiln.pipeline;

import dev.kiln.plan.BaseImageResolver;
import dev.kiln.plan.ShellWords;
import dev.kiln.step.ContextSources;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.event.Event;
import dev.kiln.image.Image;
import dev.kiln.image.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds a small Dockerfile with the real {@link Builder} (no registry: registry base images fail). */
final class BuildFixture {
    static final Platform TARGET = Platform.of("linux", "arm64", null);

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Path dir;

    BuildFixture(Path dir) {
        this.dir = dir;
    }

    Image build(String dockerfile, Map<String, String> buildArgs) throws IOException {
        return build(dockerfile, buildArgs, null);
    }

    Image build(String dockerfile, Map<String, String> buildArgs, String target) throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        Path file = context.resolve("Dockerfile");
        Files.writeString(file, dockerfile);
        Dockerfile df = DockerfileParser.parse(dockerfile, "Dockerfile");
        Path work = Files.createDirectories(dir.resolve("work"));
        Builder.Options opts = new Builder.Options(buildArgs, Map.of(), TARGET, target, true, work, null);
        BaseImageResolver noRegistry = (ref, p) -> {
            throw new IOException("no registry in this test: " + ref);
        };
        return new Builder(opts, ShellWords.forEscape(df.escapeToken()), ContextSources.open(context, file), noRegistry,
                events::add).build(df);
    }

    List<String> warnings() {
        return events.stream().filter(e -> e.level() == Event.Level.WARN).map(Event::message).toList();
    }
}
