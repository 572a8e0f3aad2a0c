package dev.kiln.cli;

import dev.kiln.registry.Reference;
import dev.kiln.request.BuildRequest;
import dev.kiln.request.BuildRequest.LayerCacheLocation;
import dev.kiln.run.Isolation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The command line and the environment become one validated, immutable {@link BuildRequest}. */
class BuildRequestsTest {
    private static BuildRequest request(Map<String, String> env, String... args) {
        BuildCommand cmd = new BuildCommand();
        CommandLine cl = new CommandLine(cmd);
        cl.parseArgs(args);
        return BuildRequests.from(cmd, cl, env, "/home/u");
    }

    @Test
    void argsLabelsAndTargetsKeepFlagOrderAndLookUpBareBuildArgs() {
        BuildRequest r = request(Map.of("FROM_ENV", "e"), "--no-push", "--build-arg", "B=2", "--build-arg", "FROM_ENV",
                "--build-arg", "UNSET", "--build-arg", "A=1", "--label", "z=1", "--label", "a=2", "--target", "t1", "--target", "t2");
        assertEquals(List.of("B", "FROM_ENV", "A"), List.copyOf(r.buildArgs().keySet()));
        assertEquals("e", r.buildArgs().get("FROM_ENV"));
        assertEquals(List.of("z", "a"), List.copyOf(r.labels().keySet()));
        assertEquals(List.of("t1", "t2"), r.targets());
        assertThrows(UnsupportedOperationException.class, () -> r.buildArgs().put("x", "y"));
    }

    @Test
    void dockerConfigComesFromTheEnvironmentOrHome() {
        assertEquals(Path.of("/cfg"), request(Map.of("DOCKER_CONFIG", "/cfg"), "--no-push").dockerConfig());
        assertEquals(Path.of("/home/u/.docker"), request(Map.of(), "--no-push").dockerConfig());
    }

    @Test
    void layerCacheLivesBesideTheFirstDestinationUnlessARepoIsGiven() {
        BuildRequest byDest = request(Map.of(), "-d", "reg.example/team/app:1", "--cache");
        assertEquals(new LayerCacheLocation.Repository(Reference.parse("reg.example/team/app/cache")), byDest.cache().layers());
        BuildRequest oci = request(Map.of(), "--no-push", "--cache", "--cache-repo", "oci:/tmp/c");
        assertEquals(new LayerCacheLocation.OciDirectory(Path.of("/tmp/c")), oci.cache().layers());
        BuildRequest nowhere = request(Map.of(), "--no-push", "--cache");
        assertTrue(nowhere.cache().wanted());
        assertNull(nowhere.cache().layers());
        assertNull(request(Map.of(), "-d", "reg.example/a:1").cache().layers(), "no --cache, no layer cache");
    }

    @Test
    void runPartHasResolvedDefaults() {
        BuildRequest.Run run = request(Map.of("S", "v"), "--no-push", "--secret", "id=S", "--isolation", "chroot").run();
        assertEquals(Isolation.CHROOT, run.isolation());
        assertEquals(Path.of("/home/u/.cache/kiln/run-mounts"), run.runCacheDir());
        assertEquals(Path.of("/home/u/.cache/kiln"), run.cacheKeep());
        assertEquals(List.of("/var/run"), run.snapshotIgnores());
        assertEquals(List.of("S"), List.copyOf(run.secrets().keySet()));
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlag() {
        assertEquals("You must provide --destination, or use --no-push",
                assertThrows(CommandLine.ParameterException.class, () -> request(Map.of())).getMessage());
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> request(Map.of(), "--no-push", "--build-arg", "=x")).getMessage().contains("empty name"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> request(Map.of(), "--no-push", "--label", "novalue")).getMessage().contains("--label"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> request(Map.of(), "-d", "a b:1")).getMessage().startsWith("invalid --destination"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> request(Map.of(), "--no-push", "--cache-ttl", "soon")).getMessage().startsWith("invalid --cache-ttl"));
        assertTrue(assertThrows(CommandLine.ParameterException.class,
                () -> request(Map.of(), "--no-push", "--push-retry", "-1")).getMessage().contains("--push-retry"));
    }

    @Test
    void dryRunNeedsNoDestination() {
        assertTrue(request(Map.of(), "--dryrun").dryRun());
    }
}
