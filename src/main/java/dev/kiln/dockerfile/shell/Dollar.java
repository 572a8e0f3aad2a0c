package dev.kiln.dockerfile.shell;

/** Expands one {@code $NAME} / {@code ${NAME...}} reference (BuildKit's {@code processDollar}). */
final class Dollar {
    private final ShellWord sw;
    private final boolean skipUnset;

    Dollar(ShellWord sw) {
        this.sw = sw;
        this.skipUnset = sw.lex().skipUnsetEnv();
    }

    String process() {
        sw.next();
        if (sw.peek() != '{') {
            String name = sw.processName();
            if (name.isEmpty()) return "$";
            String value = sw.getEnv(name);
            if (value == null) return skipUnset ? "$" + name : "";
            return value;
        }
        sw.next();
        int first = sw.peek();
        if (first == ShellWord.EOF) throw new ShellExpansionException("syntax error: missing '}'");
        if (first == '{' || first == '}' || first == ':') throw new ShellExpansionException("syntax error: bad substitution");
        String name = sw.processName();
        int ch = sw.next();
        return switch (ch) {
            case '}' -> {
                String value = sw.getEnv(name);
                yield value != null ? value : skipUnset ? "${" + name + "}" : "";
            }
            case ':' -> modifier(name, sw.next(), true);
            case '+', '-', '?', '#', '%' -> modifier(name, ch, false);
            case '/' -> replace(name);
            default -> throw unsupported(chars(ch));
        };
    }

    private String modifier(String name, int ch, boolean nullIsUnset) {
        String chs = (nullIsUnset ? ":" : "") + chars(ch);
        boolean patternOp = ch == '#' || ch == '%';
        if (nullIsUnset && patternOp) throw unsupported(chs);
        String word = wordUpTo('}', patternOp, "syntax error: missing '}'");
        String value = sw.getEnv(name);
        boolean set = value != null;
        if (skipUnset && !set) return "${" + name + chs + word + "}";
        boolean unsetOrNull = !set || (nullIsUnset && value.isEmpty());
        switch (ch) {
            case '-':
                return unsetOrNull ? word : value;
            case '+':
                return unsetOrNull ? "" : word;
            case '?':
                if (!set) throw new ShellExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                if (unsetOrNull) throw new ShellExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                return value;
            case '#', '%': {
                boolean greedy = !word.isEmpty() && word.codePointAt(0) == ch;
                if (greedy) word = word.substring(1);
                String v = set ? value : "";
                return ch == '%' ? ShellPattern.trimSuffix(word, v, greedy) : ShellPattern.trimPrefix(word, v, greedy);
            }
            default:
                throw unsupported(chs);
        }
    }

    private String replace(String name) {
        boolean all = sw.peek() == '/';
        if (all) sw.next();
        String pattern = wordUpTo('/', true, "syntax error: missing '/' in ${}");
        String replacement = wordUpTo('}', true, "syntax error: missing '}'");
        String value = sw.getEnv(name);
        if (value == null && skipUnset) return "${" + name + "/" + pattern + "/" + replacement + "}";
        return ShellPattern.replace(value == null ? "" : value, pattern, replacement, all);
    }

    private String wordUpTo(int stop, boolean raw, String eofMessage) {
        try {
            return sw.processStopOn(stop, raw).text();
        } catch (ShellExpansionException e) {
            if (sw.peek() == ShellWord.EOF) throw new ShellExpansionException(eofMessage);
            throw e;
        }
    }

    private static String chars(int ch) {
        return ch == ShellWord.EOF ? "\uFFFD" : Character.toString(ch);
    }

    private static ShellExpansionException unsupported(String chs) {
        return new ShellExpansionException("unsupported modifier (" + chs + ") in substitution");
    }
}
