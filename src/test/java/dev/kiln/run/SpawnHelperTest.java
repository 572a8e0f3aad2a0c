package dev.kiln.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The JDK's jspawnhelper and its loader: whether posix_spawn still works once an in-place build has made / the image. */
class SpawnHelperTest {
    @TempDir Path tmp;

    private static final Path HELPER = SpawnHelper.of(System.getProperty("java.home"));

    @Test
    void theRunningJdksHelperNamesTheHostLoader() {
        Optional<Path> interp = SpawnHelper.interpreter(HELPER);
        assertTrue(interp.isPresent(), HELPER + " has a PT_INTERP header");
        assertTrue(interp.get().isAbsolute() && Files.exists(interp.get()), interp.get() + " is this machine's loader");
        assertTrue(SpawnHelper.runs(HELPER));
        assertFalse(SpawnHelper.survivesInPlace(HELPER, List.of("/kiln", System.getProperty("java.home"))),
                "the host's loader is not kept by an in-place build");
        assertTrue(SpawnHelper.survivesInPlace(HELPER, List.of(interp.get().getParent().toString())));
    }

    @Test
    void aHelperRePointedAtAKeptLoaderSurvives() throws Exception {
        Path loader = PatchedHelper.loaderIn(tmp.resolve("kiln/glibc"));
        Path copy = PatchedHelper.in(tmp.resolve("kiln/jre"), loader);
        assertEquals(Optional.of(loader), SpawnHelper.interpreter(copy));
        assertTrue(SpawnHelper.runs(copy));
        assertTrue(SpawnHelper.survivesInPlace(copy, List.of(tmp.resolve("kiln").toString())));
        assertFalse(SpawnHelper.survivesInPlace(copy, List.of(tmp.resolve("kil").toString(), "/workspace")),
                "a prefix of a name is not its parent");
    }

    @Test
    void aHelperWhoseLoaderIsMissingDoesNotRun() throws Exception {
        Path copy = PatchedHelper.in(tmp.resolve("jre"), Path.of("/kiln-missing/glibc/ld.so"));
        assertEquals(Optional.of(Path.of("/kiln-missing/glibc/ld.so")), SpawnHelper.interpreter(copy));
        assertFalse(SpawnHelper.runs(copy));
        assertFalse(SpawnHelper.survivesInPlace(copy, List.of("/kiln-missing")));
    }

    @Test
    void noInterpreterForNonElfOrMissingFiles() throws Exception {
        Path text = Files.writeString(tmp.resolve("script"), "#!/bin/sh\necho hi\n");
        Path truncated = Files.write(tmp.resolve("short"), new byte[]{0x7f, 'E', 'L', 'F', 2, 1});
        for (Path p : List.of(text, truncated, tmp.resolve("missing"), tmp)) {
            assertEquals(Optional.empty(), SpawnHelper.interpreter(p), p.toString());
            assertFalse(SpawnHelper.runs(p), p.toString());
            assertFalse(SpawnHelper.survivesInPlace(p, List.of("/")), p.toString());
        }
    }
}
