package dev.kiln.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry credential. {@code toString()} never shows the secret. */
public sealed interface Credential {

    /** A user name and password (or a personal access token used as password). */
    record Basic(String username, String password) implements Credential {
        public Basic {
            if (username == null || username.isEmpty()) throw new IllegalArgumentException("basic credential needs a username");
            if (password == null) password = "";
        }

        /** The value of an {@code Authorization} header. */
        public String header() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=<redacted>]";
        }
    }

    /** An OAuth2 refresh token ({@code identitytoken} in config.json) exchanged at the token endpoint. */
    record IdentityToken(String token) implements Credential {
        public IdentityToken {
            if (token == null || token.isEmpty()) throw new IllegalArgumentException("identity token must not be empty");
        }

        @Override
        public String toString() {
            return "IdentityToken[<redacted>]";
        }
    }
}
