package dev.kiln.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How kiln reaches registries. Scheme choice: https with verification; a registry that is insecure for the
 * purpose gets https without verification, falling back to plain http. Loopback is not insecure by itself.
 *
 * @param insecureRegistries     registries reachable over plain http (and unverified TLS), for pulls and pushes
 * @param insecureAll            Kaniko {@code --insecure}: every push may use http
 * @param insecurePull           Kaniko {@code --insecure-pull}: every pull may use http
 * @param skipTlsVerify          Kaniko {@code --skip-tls-verify}: no TLS verification for pushes
 * @param skipTlsVerifyPull      Kaniko {@code --skip-tls-verify-pull}: no TLS verification for pulls
 * @param skipTlsVerifyRegistries Kaniko {@code --skip-tls-verify-registry}: no TLS verification for these
 * @param caCertificates         extra PEM CA certificates trusted besides the JDK's
 * @param userAgent              the User-Agent header
 */
public record RegistryOptions(Set<String> insecureRegistries, boolean insecureAll, boolean insecurePull,
                              boolean skipTlsVerify, boolean skipTlsVerifyPull, Set<String> skipTlsVerifyRegistries,
                              List<Path> caCertificates, String userAgent) {
    public static final String DEFAULT_USER_AGENT = "kiln/0.1";
    public static final RegistryOptions DEFAULT =
            new RegistryOptions(Set.of(), false, false, false, false, Set.of(), List.of(), DEFAULT_USER_AGENT);

    public RegistryOptions {
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
        skipTlsVerifyRegistries = skipTlsVerifyRegistries == null ? Set.of() : Set.copyOf(skipTlsVerifyRegistries);
        caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
    }

    /** Whether plain http may be used for this registry (after https failed). */
    public boolean allowsHttp(String registry, Purpose purpose) {
        return insecureRegistries.contains(registry) || (purpose == Purpose.PUSH ? insecureAll : insecurePull);
    }

    /** Whether the registry's TLS certificate must verify. */
    public boolean verifiesTls(String registry, Purpose purpose) {
        if (allowsHttp(registry, purpose) || skipTlsVerifyRegistries.contains(registry)) return false;
        return !(purpose == Purpose.PUSH ? skipTlsVerify : skipTlsVerifyPull);
    }

    public RegistryOptions withInsecureRegistries(Set<String> v) { return new RegistryOptions(v, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent); }
    public RegistryOptions withInsecureAll(boolean v) { return new RegistryOptions(insecureRegistries, v, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent); }
    public RegistryOptions withInsecurePull(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, v, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent); }
    public RegistryOptions withSkipTlsVerify(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, v, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent); }
    public RegistryOptions withSkipTlsVerifyPull(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, v, skipTlsVerifyRegistries, caCertificates, userAgent); }
    public RegistryOptions withSkipTlsVerifyRegistries(Set<String> v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, v, caCertificates, userAgent); }
    public RegistryOptions withCaCertificates(List<Path> v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, v, userAgent); }
    public RegistryOptions withUserAgent(String v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, v); }
}
