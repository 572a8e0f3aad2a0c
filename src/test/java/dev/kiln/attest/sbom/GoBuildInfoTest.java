package dev.kiln.attest.sbom;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Go build info as the Go 1.18+ linker lays it out (cmd/go/internal/version: header, then inline strings). */
class GoBuildInfoTest {
    private static final byte[] START = {0x30, 0x77, (byte) 0xaf, 0x0c, (byte) 0x92, 0x74, 0x08, 0x02, 0x41, (byte) 0xe1, (byte) 0xc1, 0x07, (byte) 0xe6, (byte) 0xd6, 0x18, (byte) 0xe6};
    private static final byte[] END = {(byte) 0xf9, 0x32, 0x43, 0x31, (byte) 0x86, 0x18, 0x20, 0x72, 0x00, (byte) 0x82, 0x42, 0x10, 0x41, 0x16, (byte) 0xd8, (byte) 0xf2};

    static byte[] goBinary(String modinfo, int offset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x7f, 'E', 'L', 'F'});
        b.writeBytes(new byte[offset]);
        byte[] header = new byte[32];
        byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, header, 0, magic.length);
        header[14] = 8;
        header[15] = 2;
        b.writeBytes(header);
        varString(b, "go1.22.5".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream mod = new ByteArrayOutputStream();
        mod.writeBytes(START);
        mod.writeBytes(modinfo.getBytes(StandardCharsets.UTF_8));
        mod.writeBytes(END);
        varString(b, mod.toByteArray());
        b.writeBytes(new byte[5000]);
        return b.toByteArray();
    }

    private static void varString(ByteArrayOutputStream b, byte[] s) {
        int n = s.length;
        while (n >= 0x80) {
            b.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        b.write(n);
        b.writeBytes(s);
    }

    @Test
    void readsMainModuleAndDependenciesWhereverTheSectionIs() throws Exception {
        String info = "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgithub.com/spf13/cobra\tv1.8.0\th1:abc=\n"
                + "dep\tgolang.org/x/sys\tv0.20.0\th1:def=\nbuild\t-compiler=gc\n";
        for (int offset : List.of(100, 256 << 10, (256 << 10) - 7)) { // also across a read-buffer boundary
            byte[] bin = goBinary(info, offset);
            List<PackageRecord> mods = GoBuildInfo.read(Arrays.copyOf(bin, 4), new ByteArrayInputStream(bin, 4, bin.length - 4));
            assertEquals(List.of("example.com/app", "github.com/spf13/cobra", "golang.org/x/sys"), mods.stream().map(PackageRecord::name).toList());
            assertEquals("pkg:golang/github.com/spf13/cobra@v1.8.0", mods.get(1).purl());
            assertEquals("", mods.get(0).version(), "(devel) is no version");
        }
    }

    @Test
    void anElfWithoutBuildInfoHasNoModules() throws Exception {
        byte[] elf = new byte[10000];
        elf[0] = 0x7f; elf[1] = 'E'; elf[2] = 'L'; elf[3] = 'F';
        assertEquals(List.of(), GoBuildInfo.read(Arrays.copyOf(elf, 4), new ByteArrayInputStream(elf, 4, elf.length - 4)));
    }
}
