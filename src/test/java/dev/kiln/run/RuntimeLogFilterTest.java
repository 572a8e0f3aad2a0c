package dev.kiln.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RuntimeLogFilterTest {
    private static String through(RuntimeLogFilter f, ByteArrayOutputStream sink, String... chunks) throws Exception {
        for (String c : chunks) f.write(c.getBytes(StandardCharsets.UTF_8));
        f.flush();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runcsOwnLinesAreKeptAsideAndTheRestPassesUnchanged() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RuntimeLogFilter f = new RuntimeLogFilter(sink);
        String out = through(f, sink, "err 1\nti", "me=\"2026-01-01T00:00:00Z\" level=error msg=\"runc run failed: exec: \\\"/x\\\": stat /x: no such file\"\n",
                "time=\"t\" level=info msg=\"a tool's own logrus line\"\n", "partial");
        assertEquals("err 1\ntime=\"t\" level=info msg=\"a tool's own logrus line\"\npartial", out);
        assertEquals(List.of("runc run failed: exec: \"/x\": stat /x: no such file"), f.errors());
        assertEquals("exec: \"/x\": stat /x: no such file", OciSandbox.startError(f.errors()));
    }

    @Test
    void bytesWithoutALineStartLikeALogPassAtOnce() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RuntimeLogFilter f = new RuntimeLogFilter(sink);
        f.write("progress 10%\rprogress 20%".getBytes(StandardCharsets.UTF_8));
        assertEquals("progress 10%\rprogress 20%", sink.toString(StandardCharsets.UTF_8), "no waiting for a line end");
        assertTrue(f.errors().isEmpty());
        assertNull(OciSandbox.startError(f.errors()));
    }
}
