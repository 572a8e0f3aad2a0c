package dev.kiln.run;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineOutputStreamTest {
    @Test
    void splitsLinesAndFlushesThePartialLast() {
        List<String> lines = new ArrayList<>();
        LineOutputStream out = new LineOutputStream(lines::add);
        out.write("one\ntw".getBytes(StandardCharsets.UTF_8), 0, 6);
        out.write("o\r\nthré".getBytes(StandardCharsets.UTF_8), 0, "o\r\nthré".getBytes(StandardCharsets.UTF_8).length);
        assertEquals(List.of("one", "two"), lines);
        out.flush();
        out.flush();
        assertEquals(List.of("one", "two", "thré"), lines);
    }

    @Test
    void cutsOverlongLines() {
        List<String> lines = new ArrayList<>();
        LineOutputStream out = new LineOutputStream(lines::add);
        byte[] big = new byte[LineOutputStream.MAX_LINE + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        out.write(big, 0, big.length);
        out.close();
        assertEquals(2, lines.size());
        assertEquals(LineOutputStream.MAX_LINE, lines.getFirst().length());
    }
}
