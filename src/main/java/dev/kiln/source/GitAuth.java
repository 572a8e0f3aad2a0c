package dev.kiln.source;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers JGit's questions: username/password (when {@code GIT_USERNAME}/{@code GIT_PASSWORD}/{@code GIT_TOKEN}
 * gave some) and, with {@code insecure-skip-tls}, "skip SSL verification for this operation?" with yes.
 */
public final class GitAuth extends CredentialsProvider {
    private final String username;
    private final String password;
    private final boolean skipTls;

    public static final GitAuth NONE = new GitAuth(null, null, false);

    public GitAuth(String username, String password, boolean skipTls) {
        this.username = username;
        this.password = password;
        this.skipTls = skipTls;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem i : items) {
            if (i instanceof CredentialItem.InformationalMessage || i instanceof CredentialItem.YesNoType) continue;
            if ((i instanceof CredentialItem.Username || i instanceof CredentialItem.Password) && password != null) continue;
            return false;
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        boolean tlsQuestion = false;
        for (CredentialItem i : items) {
            if (i instanceof CredentialItem.YesNoType) tlsQuestion = true;
        }
        if (tlsQuestion && !skipTls) return false;
        boolean firstYesNo = true;
        for (CredentialItem i : items) {
            switch (i) {
                case CredentialItem.InformationalMessage m -> { }
                case CredentialItem.YesNoType yn -> {   // JGit asks: this operation / this repository / always
                    yn.setValue(firstYesNo);
                    firstYesNo = false;
                }
                case CredentialItem.Username u when password != null -> u.setValue(username);
                case CredentialItem.Password p when password != null -> p.setValue(password.toCharArray());
                default -> {
                    return false;
                }
            }
        }
        return true;
    }
}
