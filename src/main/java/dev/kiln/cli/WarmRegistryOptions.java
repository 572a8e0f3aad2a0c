package dev.kiln.cli;

import dev.kiln.registry.ClientCertificate;
import dev.kiln.registry.Mirrors;
import dev.kiln.registry.RegistryOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry flags of Kaniko's warmer that {@code kiln warm} lacked: per-registry TLS, mirrors, the old platform spelling. */
public final class WarmRegistryOptions {
    @Option(names = "--customPlatform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Kaniko's warmer spelling of --custom-platform.")
    String customPlatform;

    @Option(names = "--skip-tls-verify-registry", paramLabel = "HOST[:PORT]",
            description = "Registry whose TLS certificate is not verified (repeatable).")
    List<String> skipTlsVerifyRegistries = new ArrayList<>();

    @Option(names = "--registry-certificate", paramLabel = "HOST=CA_FILE",
            description = "PEM CA certificate trusted for one registry (repeatable).")
    List<String> registryCertificates = new ArrayList<>();

    @Option(names = "--registry-client-cert", paramLabel = "HOST=CERT_FILE,KEY_FILE",
            description = "PEM client certificate and key presented to one registry (mTLS) (repeatable).")
    List<String> registryClientCerts = new ArrayList<>();

    @Option(names = "--registry-mirror", paramLabel = "HOST[/PATH]",
            description = "Mirror for docker.io pulls, tried in order before docker.io (repeatable).")
    List<String> registryMirrors = new ArrayList<>();

    @Option(names = "--registry-map", paramLabel = "ORIG=MIRROR[;ORIG=MIRROR...]",
            description = "Mirrors for any registry's pulls, tried in order before the original (repeatable).")
    List<String> registryMaps = new ArrayList<>();

    @Option(names = "--skip-default-registry-fallback",
            description = "Do not fall back to the original registry when no mirror can serve an image.")
    boolean skipDefaultRegistryFallback;

    /** {@code options} with these flags applied; invalid values are usage errors. */
    RegistryOptions applyTo(RegistryOptions options, CommandLine cl) {
        Map<String, List<Path>> cas = new LinkedHashMap<>();
        keyValues(registryCertificates, "--registry-certificate", cl)
                .forEach((host, file) -> cas.computeIfAbsent(host, k -> new ArrayList<>()).add(Path.of(file)));
        Map<String, ClientCertificate> certs = new LinkedHashMap<>();
        keyValues(registryClientCerts, "--registry-client-cert", cl).forEach((host, v) -> {
            try {
                certs.put(host, ClientCertificate.parse(v));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "invalid --registry-client-cert for " + host + ": " + e.getMessage());
            }
        });
        Mirrors mirrors;
        try {
            mirrors = Mirrors.parse(registryMirrors, registryMaps, skipDefaultRegistryFallback);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid --registry-mirror/--registry-map: " + e.getMessage());
        }
        return options.withSkipTlsVerifyRegistries(Set.copyOf(skipTlsVerifyRegistries))
                .withRegistryCertificates(cas)
                .withClientCertificates(certs)
                .withMirrors(mirrors);
    }

    private static Map<String, String> keyValues(List<String> list, String flag, CommandLine cl) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : list) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CommandLine.ParameterException(cl, "invalid " + flag + " '" + a + "': expected KEY=VALUE");
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }
}
