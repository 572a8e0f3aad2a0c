package dev.kiln.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** "Did you mean" for misspelt instructions, flags and flag values (BuildKit util/suggest rules). */
class SuggestionsTest {

    private static String error(String text) {
        return assertThrows(DockerfileException.class, () -> DockerfileParser.parse(text, "Dockerfile")).getMessage();
    }

    @Test
    void levenshteinWithinTwoEdits() {
        assertEquals(0, Suggest.distance("copy", "copy", 3));
        assertEquals(1, Suggest.distance("coppy", "copy", 3));
        assertEquals(2, Suggest.distance("chwon", "chown", 3));
        assertEquals(3, Suggest.distance("abcdef", "xyz", 3)); // capped at the limit
        assertEquals(Optional.of("COPY"), Suggest.closest("COPPY", InstructionParser.KEYWORDS, false));
        assertEquals(Optional.of("copy"), Suggest.closest("coppy", InstructionParser.KEYWORDS, false));
        assertEquals(Optional.of("COPY"), Suggest.closest("Coppy", InstructionParser.KEYWORDS, false));
        assertEquals(Optional.empty(), Suggest.closest("copy", InstructionParser.KEYWORDS, false)); // exact: no hint
        assertEquals(Optional.of("FROM"), Suggest.closest("FOO", InstructionParser.KEYWORDS, false)); // 2 edits
        assertEquals(Optional.empty(), Suggest.closest("BOGUS", InstructionParser.KEYWORDS, false));
        assertEquals(1, Suggest.transpositionDistance("chwon", "chown"));
        assertEquals(Optional.empty(), Suggest.closest("", List.of("a"), true));
        assertEquals(Optional.of("--chown"), Suggest.closest("--chwon", List.of("--chmod", "--chown"), true));
    }

    @Test
    void misspeltInstructions() {
        assertEquals("Dockerfile:3: unknown instruction: COPPY (did you mean COPY?)", error("FROM a\n\nCOPPY x y\n"));
        assertEquals("Dockerfile:2: unknown instruction: entrypont (did you mean entrypoint?)", error("FROM a\nentrypont x\n"));
        assertEquals("Dockerfile:1: unknown instruction: FRM (did you mean FROM?)", error("FRM a\n"));
        assertEquals("Dockerfile:2: unknown instruction: BOGUS", error("FROM a\nBOGUS bar\n"));
        assertEquals("Dockerfile:2: unknown instruction: FOO (did you mean FROM?)", error("FROM a\nFOO bar\n"));
    }

    @Test
    void misspeltFlags() {
        assertEquals("Dockerfile:7: unknown flag --chwon for COPY (did you mean --chown?)",
                error("FROM a\n\n\n\n\n\nCOPY --chwon=1 x y\n"));
        assertEquals("Dockerfile:2: unknown flag --plaform for FROM (did you mean --platform?)", error("FROM a\nFROM --plaform=x b\n"));
        assertEquals("Dockerfile:2: unknown flag --mout for RUN (did you mean --mount?)", error("FROM a\nRUN --mout=type=cache x\n"));
        assertEquals("Dockerfile:2: unknown flag --keep-gitdir for ADD (did you mean --keep-git-dir?)",
                error("FROM a\nADD --keep-gitdir x y\n"));
        assertEquals("Dockerfile:2: unknown flag --intervall for HEALTHCHECK (did you mean --interval?)",
                error("FROM a\nHEALTHCHECK --intervall=1s CMD x\n"));
        assertEquals("Dockerfile:2: unknown flag: --from (ADD accepts --checksum, --chmod, --chown, --exclude, --keep-git-dir, "
                + "--link, --parents, --unpack)", error("FROM a\nADD --from=x a b\n"));
        assertEquals("Dockerfile:2: unknown flag: --x (USER takes no flags)", error("FROM a\nUSER --x=1 me\n"));
    }

    @Test
    void misspeltValues() {
        assertEquals("Dockerfile:2: unsupported network mode \"hots\" (did you mean host?)", error("FROM a\nRUN --network=hots x\n"));
        assertEquals("Dockerfile:2: unsupported security mode \"insecur\" (did you mean insecure?)",
                error("FROM a\nRUN --security=insecur x\n"));
        assertEquals("Dockerfile:2: invalid --mount=type=cach,target=/c: unsupported mount type \"cach\" (did you mean cache?)",
                error("FROM a\nRUN --mount=type=cach,target=/c x\n"));
        assertEquals("Dockerfile:2: invalid --mount=type=cache,targt=/c: unexpected key 'targt' in 'targt=/c' (did you mean target?)",
                error("FROM a\nRUN --mount=type=cache,targt=/c x\n"));
    }

    @Test
    void addChecksumSyntax() {
        String ok = "sha256:" + "0".repeat(64);
        DockerfileParser.parse("FROM a\nADD --checksum=" + ok + " https://x/y /z\nADD --checksum=$SUM https://x/y /z\n", null);
        assertEquals("Dockerfile:2: invalid checksum \"sha256:abc\": sha256 needs 64 lower-case hex digits",
                error("FROM a\nADD --checksum=sha256:abc https://x/y /z\n"));
        assertEquals("Dockerfile:2: unsupported checksum algorithm \"sha265\" (did you mean sha256?)",
                error("FROM a\nADD --checksum=sha265:" + "0".repeat(64) + " https://x/y /z\n"));
        assertEquals("Dockerfile:2: invalid checksum \"nope\": expected algorithm:hex, e.g. sha256:<64 hex digits>",
                error("FROM a\nADD --checksum=nope https://x/y /z\n"));
    }
}
