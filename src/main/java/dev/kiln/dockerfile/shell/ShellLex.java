package dev.kiln.dockerfile.shell;

import java.util.List;
import java.util.Map;

/**
 * BuildKit's Dockerfile shell lexer ({@code frontend/dockerfile/shell}): quote removal, escapes and
 * {@code $VAR} / {@code ${VAR...}} expansion of one Dockerfile word, optionally split into words like a POSIX
 * shell. Immutable and thread-safe; the environment is passed to every call.
 *
 * <p>Supported forms: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-w}}, {@code ${NAME-w}}, {@code ${NAME:+w}},
 * {@code ${NAME+w}}, {@code ${NAME:?msg}}, {@code ${NAME?msg}}, {@code ${NAME#pat}}, {@code ${NAME##pat}},
 * {@code ${NAME%pat}}, {@code ${NAME%%pat}}, {@code ${NAME/pat/repl}}, {@code ${NAME//pat/repl}}; positional and
 * special parameters expand to "" unless set.
 *
 * @param escapeToken  the Dockerfile escape character ({@code \} or {@code `})
 * @param rawQuotes    keep quote characters in the output (BuildKit {@code RawQuotes})
 * @param rawEscapes   keep escape characters in the output (BuildKit {@code RawEscapes})
 * @param skipUnsetEnv leave references to unset variables as written (BuildKit {@code SkipUnsetEnv})
 * @param skipProcessQuotes treat quotes as ordinary characters (BuildKit {@code SkipProcessQuotes}, used to
 *                     expand heredoc bodies)
 */
public record ShellLex(char escapeToken, boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv,
                       boolean skipProcessQuotes) {

    public ShellLex {
        if (escapeToken != '\\' && escapeToken != '`') {
            throw new IllegalArgumentException("escape token must be \\ or `, not " + escapeToken);
        }
    }

    /** The default lexer with the given escape token. */
    public ShellLex(char escapeToken) {
        this(escapeToken, false, false, false, false);
    }

    public ShellLex withRawQuotes(boolean on) {
        return new ShellLex(escapeToken, on, rawEscapes, skipUnsetEnv, skipProcessQuotes);
    }

    public ShellLex withRawEscapes(boolean on) {
        return new ShellLex(escapeToken, rawQuotes, on, skipUnsetEnv, skipProcessQuotes);
    }

    public ShellLex withSkipUnsetEnv(boolean on) {
        return new ShellLex(escapeToken, rawQuotes, rawEscapes, on, skipProcessQuotes);
    }

    public ShellLex withSkipProcessQuotes(boolean on) {
        return new ShellLex(escapeToken, rawQuotes, rawEscapes, skipUnsetEnv, on);
    }

    /** Expands {@code word} to one string (whitespace kept). */
    public String processWord(String word, EnvLookup env) {
        return process(word, env).result();
    }

    public String processWord(String word, Map<String, String> env) {
        return processWord(word, EnvLookup.of(env));
    }

    /** Expands {@code word} and splits it into words on unquoted whitespace (EXPOSE, VOLUME, ...). */
    public List<String> processWords(String word, EnvLookup env) {
        return process(word, env).words();
    }

    public List<String> processWords(String word, Map<String, String> env) {
        return processWords(word, EnvLookup.of(env));
    }

    /** Expands {@code word}, returning both forms and the referenced variable names. */
    public Expansion process(String word, EnvLookup env) {
        return new ShellWord(this, word, env).process();
    }
}
