package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Healthcheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kiln.dockerfile.DockerfileParserTest.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HEALTHCHECK forms, Go durations, and error messages with line numbers. */
class HealthcheckAndErrorsTest {

    @Test
    void healthcheckForms() {
        Healthcheck h = (Healthcheck) one("HEALTHCHECK --interval=1m30s --timeout=3s --start-period=0.5s "
                + "--start-interval=250ms --retries=4 CMD curl -f http://localhost/");
        assertEquals(List.of("CMD-SHELL", "curl -f http://localhost/"), h.test());
        assertEquals(90_000_000_000L, h.intervalNanos());
        assertEquals(3_000_000_000L, h.timeoutNanos());
        assertEquals(500_000_000L, h.startPeriodNanos());
        assertEquals(250_000_000L, h.startIntervalNanos());
        assertEquals(4, h.retries());
        assertEquals(List.of("CMD", "a", "b"), ((Healthcheck) one("HEALTHCHECK CMD [\"a\", \"b\"]")).test());
        assertEquals(List.of("NONE"), ((Healthcheck) one("HEALTHCHECK NONE")).test());
        assertEquals(0, ((Healthcheck) one("HEALTHCHECK --interval=0s CMD x")).intervalNanos());
    }

    @Test
    void goDurations() {
        assertEquals(0, GoDuration.parseNanos("0"));
        assertEquals(3_723_000_000_000L, GoDuration.parseNanos("1h2m3s"));
        assertEquals(1_500L, GoDuration.parseNanos("1.5us"));
        assertEquals(-2_000_000L, GoDuration.parseNanos("-2ms"));
        assertEquals("time: missing unit in duration \"5\"",
                assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("5")).getMessage());
        assertEquals("time: unknown unit \"d\" in duration \"1d\"",
                assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("1d")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("abc"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos(""));
    }

    private static String error(String text) {
        return assertThrows(DockerfileException.class, () -> DockerfileParser.parse(text, "Dockerfile")).getMessage();
    }

    @Test
    void errorsCarryLines() {
        assertEquals("Dockerfile:2: unknown instruction: FOO (did you mean FROM?)", error("FROM a\nFOO bar\n"));
        assertEquals("Dockerfile:3: unknown flag: --chown (RUN accepts --mount, --network, --security)", error("FROM a\n\nRUN --chown=1 x\n"));
        assertEquals("Dockerfile:2: duplicate flag specified: from", error("FROM a\nCOPY --from=a --from=b x y\n"));
        assertEquals("Dockerfile:2: missing a value on flag: from", error("FROM a\nCOPY --from x y\n"));
        assertEquals("Dockerfile:2: expecting boolean value for flag link, not: yes", error("FROM a\nCOPY --link=yes x y\n"));
        assertEquals("Dockerfile:1: no build stage in current context: RUN before the first FROM (only ARG may come before FROM)",
                error("RUN x\nFROM a\n"));
        assertEquals("Dockerfile: dockerfile contains no stages to build", error("ARG x\n"));
        assertEquals("Dockerfile: file with no instructions", error(""));
        assertEquals("Dockerfile:2: FROM requires either one or three arguments", error("FROM a\nFROM a b\n"));
        assertEquals("Dockerfile:1: invalid name for build stage: \"1x\", name can't start with a number or contain symbols",
                error("FROM a AS 1x\n"));
        assertEquals("Dockerfile:2: SHELL requires the arguments to be in JSON form", error("FROM a\nSHELL sh -c\n"));
        assertEquals("Dockerfile:2: HEALTHCHECK NONE takes no arguments", error("FROM a\nHEALTHCHECK NONE x\n"));
        assertEquals("Dockerfile:2: Unknown type \"BOGUS\" in HEALTHCHECK (try CMD)", error("FROM a\nHEALTHCHECK bogus x\n"));
        assertEquals("Dockerfile:2: Missing command after HEALTHCHECK CMD", error("FROM a\nHEALTHCHECK CMD\n"));
        assertEquals("Dockerfile:2: Interval \"timeout\" cannot be less than 1ms", error("FROM a\nHEALTHCHECK --timeout=1us CMD x\n"));
        assertEquals("Dockerfile:2: --retries cannot be negative (-1)", error("FROM a\nHEALTHCHECK --retries=-1 CMD x\n"));
        assertEquals("Dockerfile:2: unsupported network mode \"bridge\"", error("FROM a\nRUN --network=bridge x\n"));
        assertEquals("Dockerfile:2: unterminated heredoc", error("FROM a\nRUN <<EOF\nx\n"));
        assertEquals("Dockerfile:2: ENV must have two arguments", error("FROM a\nENV PATH\n"));
        assertEquals("Dockerfile:2: when using JSON array syntax, arrays must be comprised of strings only",
                error("FROM a\nCMD [\"a\", 1]\n"));
        assertEquals("Dockerfile:2: only one escape parser directive can be used", error("# escape=\\\n# escape=`\nFROM a\n"));
        assertEquals("Dockerfile:1: invalid escape token 'x' does not match ` or \\", error("# escape=x\nFROM a\n"));
        assertEquals("Dockerfile:2: VOLUME specified can not be an empty string", error("FROM a\nVOLUME [\"\"]\n"));
        assertEquals("Dockerfile:2: ARG names can not be blank", error("FROM a\nARG =x\n"));
    }
}
