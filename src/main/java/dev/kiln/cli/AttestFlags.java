package dev.kiln.cli;

import dev.kiln.attest.AttestSpec;
import dev.kiln.attest.provenance.ProvenanceMode;
import dev.kiln.attest.sbom.SbomFormat;
import dev.kiln.attest.sign.KeySigner;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** kiln's supply-chain flags (issue 15, docs/supply-chain.md): SBOM, SLSA provenance, cosign-format signature. */
final class AttestFlags {
    /** Environment variables holding the password of an encrypted {@code --sign-key}, first set wins. */
    static final List<String> PASSWORD_ENV = List.of("KILN_SIGN_PASSWORD", "COSIGN_PASSWORD");

    @Option(names = "--sbom", arity = "0..1", fallbackValue = "spdx", split = ",", paramLabel = "spdx|cyclonedx",
            description = "Attach an SBOM of the image (SPDX 2.3 JSON by default; cyclonedx = CycloneDX 1.6 JSON; both: spdx,cyclonedx).")
    List<String> sbom = new ArrayList<>();

    @Option(names = "--provenance", arity = "0..1", fallbackValue = "min", paramLabel = "min|max",
            description = "Attach SLSA v1 provenance (in-toto statement); max adds build args (secret-looking names left out).")
    String provenance;

    @Option(names = "--sign-key", paramLabel = "FILE",
            description = "Sign the image digest in cosign's format with this PEM key (ECDSA P-256 or Ed25519; password in $KILN_SIGN_PASSWORD or $COSIGN_PASSWORD).")
    Path signKey;

    @Option(names = "--attest-format", paramLabel = "oci|buildkit", defaultValue = "oci",
            description = "oci (default): attestations are OCI 1.1 referrers; buildkit: also BuildKit's attestation manifest, "
                    + "the destination tag then names an index of the image and it.")
    String format = "oci";

    AttestSpec spec(CommandLine cl, Map<String, String> env) {
        Set<SbomFormat> formats = new LinkedHashSet<>();
        for (String s : sbom) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "spdx", "true", "spdx-json" -> formats.add(SbomFormat.SPDX);
                case "cyclonedx", "cyclonedx-json", "cdx" -> formats.add(SbomFormat.CYCLONEDX);
                case "false", "none" -> { }
                default -> throw new CommandLine.ParameterException(cl, "--sbom=" + s + ": expected spdx or cyclonedx");
            }
        }
        ProvenanceMode mode = provenance == null ? null : switch (provenance.trim().toLowerCase(Locale.ROOT)) {
            case "min", "mode=min", "true" -> ProvenanceMode.MIN;
            case "max", "mode=max" -> ProvenanceMode.MAX;
            case "false", "none" -> null;
            default -> throw new CommandLine.ParameterException(cl, "--provenance=" + provenance + ": expected min or max");
        };
        KeySigner signer = null;
        if (signKey != null) {
            String pw = PASSWORD_ENV.stream().map(env::get).filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null);
            try {
                signer = KeySigner.fromPem(signKey, pw == null ? null : pw.toCharArray());
            } catch (IOException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        boolean buildkit = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "oci" -> false;
            case "buildkit" -> true;
            default -> throw new CommandLine.ParameterException(cl, "--attest-format=" + format + ": expected oci or buildkit");
        };
        return new AttestSpec(List.copyOf(formats), mode, signer, buildkit);
    }
}
