package dev.kiln.attest.provenance;

import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.image.Digest;

import java.util.ArrayList;
import java.util.List;

/**
 * Remote ADD sources of a Dockerfile as materials: each http(s) or git URL as written (ARG references unexpanded),
 * with its {@code --checksum} digest when the Dockerfile pins one.
 */
public final class DockerfileMaterials {
    private DockerfileMaterials() {}

    public static List<Material> adds(Dockerfile df) {
        List<Material> out = new ArrayList<>();
        for (Stage st : df.stages()) {
            for (Instruction i : st.instructions()) {
                if (!(i instanceof Add add)) continue;
                for (String src : add.paths().sources()) {
                    if (!src.startsWith("https://") && !src.startsWith("http://") && !src.startsWith("git@")) continue;
                    Digest d = null;
                    if (add.checksum() != null && !add.checksum().contains("$")) {
                        try {
                            d = Digest.parse(add.checksum());
                        } catch (IllegalArgumentException e) {
                            d = null; // the build itself reports a malformed checksum
                        }
                    }
                    out.add(Material.of(src, d));
                }
            }
        }
        return out;
    }
}
