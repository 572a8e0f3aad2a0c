package dev.kiln.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How kiln reaches registries. Scheme choice: https with verification; a registry that is insecure for the
 * purpose gets https without verification, falling back to plain http. A loopback or localhost registry may fall
 * back to plain http without being insecure (its https is still verified), as go-containerregistry.
 *
 * @param insecureRegistries     registries reachable over plain http (and unverified TLS), for pulls and pushes
 * @param insecureAll            Kaniko {@code --insecure}: every push may use http
 * @param insecurePull           Kaniko {@code --insecure-pull}: every pull may use http
 * @param skipTlsVerify          Kaniko {@code --skip-tls-verify}: no TLS verification for pushes
 * @param skipTlsVerifyPull      Kaniko {@code --skip-tls-verify-pull}: no TLS verification for pulls
 * @param skipTlsVerifyRegistries Kaniko {@code --skip-tls-verify-registry}: no TLS verification for these
 * @param caCertificates         extra PEM CA certificates trusted besides the JDK's
 * @param userAgent              the User-Agent header
 * @param registryCertificates   Kaniko {@code --registry-certificate host=ca.pem}: CA files trusted for one registry only
 * @param clientCertificates     Kaniko {@code --registry-client-cert host=cert,key}: mTLS client certificate per registry
 * @param mirrors                pull mirrors ({@code --registry-mirror}, {@code --registry-map})
 * @param retry                  retry counts, backoff and timeouts
 * @param pushIgnoreImmutableTagErrors Kaniko {@code --push-ignore-immutable-tag-errors}: a refused tag is a warning
 * @param uploadChunkSize        bytes per PATCH of a blob upload; 0 streams each blob in one PATCH
 */
public record RegistryOptions(Set<String> insecureRegistries, boolean insecureAll, boolean insecurePull, boolean skipTlsVerify, boolean skipTlsVerifyPull, Set<String> skipTlsVerifyRegistries, List<Path> caCertificates, String userAgent, Map<String, List<Path>> registryCertificates, Map<String, ClientCertificate> clientCertificates, Mirrors mirrors, Retry retry, boolean pushIgnoreImmutableTagErrors, long uploadChunkSize) {
    public static final String DEFAULT_USER_AGENT = "kiln/0.1";
    public static final RegistryOptions DEFAULT = new RegistryOptions(Set.of(), false, false, false, false, Set.of(),
            List.of(), DEFAULT_USER_AGENT, Map.of(), Map.of(), Mirrors.NONE, Retry.DEFAULT, false, 0);

    public RegistryOptions {
        insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
        skipTlsVerifyRegistries = skipTlsVerifyRegistries == null ? Set.of() : Set.copyOf(skipTlsVerifyRegistries);
        caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
        Map<String, List<Path>> cas = new java.util.HashMap<>();
        if (registryCertificates != null) registryCertificates.forEach((k, v) -> cas.put(k, List.copyOf(v)));
        registryCertificates = Map.copyOf(cas);
        clientCertificates = clientCertificates == null ? Map.of() : Map.copyOf(clientCertificates);
        mirrors = mirrors == null ? Mirrors.NONE : mirrors;
        retry = retry == null ? Retry.DEFAULT : retry;
        if (uploadChunkSize < 0) throw new IllegalArgumentException("uploadChunkSize must be >= 0");
    }

    /**
     * Whether plain http may be used for this registry (after https failed): when it is insecure for the purpose,
     * or, as go-containerregistry, when it is a loopback or {@code localhost} registry.
     */
    public boolean allowsHttp(String registry, Purpose purpose) {
        return insecure(registry, purpose) || Loopback.is(registry);
    }

    /** Whether the flags mark the registry insecure for this purpose (plain http and unverified TLS allowed). */
    public boolean insecure(String registry, Purpose purpose) {
        return insecureRegistries.contains(registry) || (purpose == Purpose.PUSH ? insecureAll : insecurePull);
    }

    /** Whether the registry's TLS certificate must verify (a loopback registry's too, unless it is marked insecure). */
    public boolean verifiesTls(String registry, Purpose purpose) {
        if (insecure(registry, purpose) || skipTlsVerifyRegistries.contains(registry)) return false;
        return !(purpose == Purpose.PUSH ? skipTlsVerify : skipTlsVerifyPull);
    }

    public RegistryOptions withInsecureRegistries(Set<String> v) { return new RegistryOptions(v, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withInsecureAll(boolean v) { return new RegistryOptions(insecureRegistries, v, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withInsecurePull(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, v, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withSkipTlsVerify(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, v, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withSkipTlsVerifyPull(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, v, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withSkipTlsVerifyRegistries(Set<String> v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, v, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withCaCertificates(List<Path> v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, v, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withUserAgent(String v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, v, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withRegistryCertificates(Map<String, List<Path>> v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, v, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withClientCertificates(Map<String, ClientCertificate> v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, v, mirrors, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withMirrors(Mirrors v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, v, retry, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withRetry(Retry v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, v, pushIgnoreImmutableTagErrors, uploadChunkSize); }
    public RegistryOptions withPushIgnoreImmutableTagErrors(boolean v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, v, uploadChunkSize); }
    public RegistryOptions withUploadChunkSize(long v) { return new RegistryOptions(insecureRegistries, insecureAll, insecurePull, skipTlsVerify, skipTlsVerifyPull, skipTlsVerifyRegistries, caCertificates, userAgent, registryCertificates, clientCertificates, mirrors, retry, pushIgnoreImmutableTagErrors, v); }
}
