package dev.kiln.registry;

import java.io.IOException;

/** No connection to a registry could be made (refused, timed out, TLS, DNS); the message says which. */
public final class RegistryUnreachableException extends IOException {
    private final String registry;

    RegistryUnreachableException(String registry, String cause, Throwable source) {
        super("cannot reach registry " + registry + ": " + cause, source);
        this.registry = registry;
    }

    public String registry() {
        return registry;
    }
}
