package dev.kiln.registry;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where credentials for a registry come from (config.json, helpers, flags). Implementations are thread-safe. */
@FunctionalInterface
public interface Credentials {
    /**
     * The credential for a registry as {@link Reference#registry()} names it ({@code docker.io}, {@code host:port}).
     *
     * @throws IOException when a credential helper fails
     */
    Optional<Credential> lookup(String registry) throws IOException;

    /**
     * Where the credential for {@code registry} comes from, or where none was found, for error messages
     * ({@code /root/.docker/config.json, auths entry "host"}); never the secret. Null when unknown.
     */
    default String origin(String registry) {
        return null;
    }

    /** Anonymous access everywhere. */
    Credentials NONE = registry -> Optional.empty();

    /** Fixed credentials per registry name. */
    static Credentials of(Map<String, Credential> byRegistry) {
        Map<String, Credential> copy = Map.copyOf(byRegistry);
        return registry -> Optional.ofNullable(copy.get(registry));
    }

    /** This source first, then {@code other}. */
    default Credentials orElse(Credentials other) {
        Credentials first = this;
        return new Credentials() {
            @Override
            public Optional<Credential> lookup(String registry) throws IOException {
                Optional<Credential> c = first.lookup(registry);
                return c.isPresent() ? c : other.lookup(registry);
            }

            @Override
            public String origin(String registry) {
                try {
                    return first.lookup(registry).isPresent() ? first.origin(registry) : other.origin(registry);
                } catch (IOException e) {
                    return first.origin(registry);
                }
            }
        };
    }
}
