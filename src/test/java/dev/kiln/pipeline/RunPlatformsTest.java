package dev.kiln.pipeline;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.image.Platform;
import dev.kiln.plan.ShellWords;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The platforms a build's RUNs execute for, from the plan, before anything is pulled. */
class RunPlatformsTest {
    static final Platform ARM64 = Platform.parse("linux/arm64");

    private static Map<String, Integer> runs(String dockerfile, Platform target, String... targets) {
        var opts = new Builder.Options(Map.of(), Map.of(), target, null, false, null, null, List.of(targets));
        return RunPlatforms.of(DockerfileParser.parse(dockerfile, "Dockerfile"), opts, ShellWords.forEscape('\\'))
                .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().startLine()));
    }

    @Test
    void buildPlatformStagesRunOnTheBuildMachineAndChildrenInheritTheirStagePlatform() {
        String df = """
                FROM --platform=$BUILDPLATFORM busybox AS build
                RUN make
                FROM build AS more
                RUN more
                FROM scratch
                COPY --from=more /x /x
                """;
        assertEquals(Map.of(Platform.host().toString(), 2), runs(df, ARM64));
    }

    @Test
    void targetStagesRunForTheTargetAndUnusedStagesDoNotCount() {
        String df = """
                FROM busybox AS unused
                RUN never
                FROM --platform=linux/s390x busybox AS other
                RUN other
                FROM busybox
                COPY --from=other /x /x
                RUN uname -m
                """;
        assertEquals(Map.of("linux/s390x", 4, "linux/arm64", 7), runs(df, ARM64));
        assertEquals(Map.of(), runs("FROM busybox\nCOPY a b\nENV A=b\n", ARM64));
        assertEquals(Map.of("linux/arm64", 2), runs(df, ARM64, "unused"));
    }
}
