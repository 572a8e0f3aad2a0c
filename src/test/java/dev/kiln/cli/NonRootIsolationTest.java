package dev.kiln.cli;

import dev.kiln.dockerfile.DockerfileParser;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.run.Isolation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 17: the isolation a build gets when kiln is not root, and its -v debug report. */
class NonRootIsolationTest {
    private static final NonRootIsolation NONROOT = new NonRootIsolation(new ProcessOwner(65532, 65532));

    private static Dockerfile df(String text) {
        return DockerfileParser.parse(text, "Dockerfile");
    }

    @Test
    void neverInPlaceAndAnExplicitInPlaceIsRefusedSayingWhy() {
        assertFalse(NONROOT.inPlace(Isolation.AUTO));
        assertFalse(NONROOT.inPlace(Isolation.CHROOT));
        var e = assertThrows(IllegalArgumentException.class, () -> NONROOT.inPlace(Isolation.IN_PLACE));
        assertTrue(e.getMessage().startsWith("--isolation in-place needs root"), e.getMessage());
        assertTrue(e.getMessage().contains("uid 65532 (not root)"), e.getMessage());
    }

    @Test
    void reportsNoneNeededWithoutRunAndWhyNotInPlace() {
        Dockerfile copyOnly = df("FROM scratch AS a\nCOPY x /x\nFROM busybox\nCOPY --from=a /x /y\nENV A=b\n");
        String inExecutorImage = NONROOT.report(copyOnly, Isolation.AUTO, Isolation.IN_PLACE);
        assertTrue(inExecutorImage.startsWith("isolation: none needed (no RUN), running as uid 65532 gid 65532 (not root)"),
                inExecutorImage);
        assertTrue(inExecutorImage.endsWith("; not in-place, which needs root"), inExecutorImage);
        assertFalse(NONROOT.report(copyOnly, Isolation.AUTO, Isolation.OCI).contains("in-place"));
        assertTrue(NONROOT.report(copyOnly, Isolation.OCI, Isolation.OCI).endsWith("; --isolation oci is not used"));
    }

    @Test
    void reportsThatRunNeedsRootOrAUserNamespace() {
        String r = NONROOT.report(df("FROM busybox\nRUN true\n"), Isolation.AUTO, Isolation.CHROOT);
        assertTrue(r.startsWith("isolation: chroot in a user namespace for RUN (RUN needs root or a user namespace"), r);
        var e = assertThrows(IllegalArgumentException.class, () -> NONROOT.inPlace(Isolation.OCI, df("FROM busybox\nRUN true\n")));
        assertTrue(e.getMessage().startsWith("--isolation oci needs root"), e.getMessage());
        assertFalse(NONROOT.inPlace(Isolation.OCI, df("FROM busybox\nCOPY a /a\n")));
        assertTrue(r.contains("running as uid 65532 gid 65532 (not root)"), r);
    }

    @Test
    void rootHasNothingToChoose() {
        assertThrows(IllegalArgumentException.class, () -> new NonRootIsolation(ProcessOwner.ROOT));
    }
}
