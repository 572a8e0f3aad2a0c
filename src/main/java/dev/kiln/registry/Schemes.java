package dev.kiln.registry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheme (https or http) each registry answered on, remembered for the rest of the process and shared by the
 * pull and push clients, so a plain-http registry is not offered a TLS handshake again on every new client.
 * One instance per {@link RegistryImages}; thread-safe.
 */
final class Schemes {
    private final ConcurrentHashMap<String, String> byRegistry = new ConcurrentHashMap<>();

    /** The scheme that worked for this registry, or null. */
    String known(String registry) {
        return byRegistry.get(registry);
    }

    void remember(String registry, String scheme) {
        byRegistry.put(registry, scheme);
    }
}
