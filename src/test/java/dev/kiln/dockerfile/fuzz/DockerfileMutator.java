package dev.kiln.dockerfile.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Makes hostile Dockerfiles: corpus files with random edits, or lines assembled from Dockerfile-ish tokens. */
final class DockerfileMutator {
    static final List<String> KEYWORDS = List.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
            "from", "Run", "COPPY", "ENVV", "FRM", "onbuild");
    static final List<String> FLAGS = List.of("--platform=linux/amd64", "--from=build", "--chown=1:2", "--chwon=1",
            "--chmod=755", "--link", "--link=false", "--parents", "--exclude=*.md", "--checksum=sha256:abc",
            "--keep-git-dir", "--unpack=true", "--mount=type=cache,target=/x", "--mount=type=secret,id=a,required",
            "--mount=type=tmpfs,size=64m", "--mount=type=bind,from=$X", "--mount=\"type=ssh\",mode=0600",
            "--mount=type=cach", "--mount=", "--mount", "--network=none", "--network=hots", "--security=insecure",
            "--interval=30s", "--timeout=1ms", "--retries=-1", "--start-period=1h", "--boo", "--", "-x", "--=");
    static final List<String> TOKENS = List.of("\\\n", "`\n", "\\", "`", "\"", "'", "$", "${", "}", "${X:-y}",
            "${X:?err}", "[", "]", "[\"a\", \"b\"]", "[\"a\",", "=", " ", "\t", "\n", "\r\n", "#", "# comment\n",
            "<<EOF", "<<-EOF", "<<'EOF'", "<<\"EOF\"", "<<EOF <<EOT", "\nEOF\n", "EOF", "<<", "<<-", "AS", "as x",
            "CMD", "NONE", "\u00e9", "\u0000", "\uD83D\uDE00", "\uD800", "{", "\\\"", "\\\\", "\\$", "=\"", ",");
    static final List<String> DIRECTIVES = List.of("# escape=`\n", "# escape=\\\n", "# syntax=docker/dockerfile:1\n",
            "# check=skip=all\n", "#escape=x\n", "# ESCAPE=`\n", "# escape=\n");
    private static final char[] ALPHABET = "\\`\"'$={}[],-<#\n\t \raZ09:/._\u00e9\u0000".toCharArray();

    private final Random rnd;
    private final List<String> seeds;

    DockerfileMutator(long seed, List<String> seeds) {
        this.rnd = new Random(seed);
        this.seeds = seeds;
    }

    String next() {
        if (seeds.isEmpty() || rnd.nextInt(100) < 15) return randomFile();
        StringBuilder text = new StringBuilder(seeds.get(rnd.nextInt(seeds.size())));
        int edits = 1 + rnd.nextInt(8);
        for (int i = 0; i < edits; i++) mutate(text);
        return text.toString();
    }

    private String randomFile() {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextBoolean()) sb.append(pick(DIRECTIVES));
        if (rnd.nextInt(10) < 7) sb.append("FROM scratch\n");
        int lines = rnd.nextInt(12);
        for (int i = 0; i < lines; i++) sb.append(randomLine()).append(rnd.nextInt(10) == 0 ? "" : "\n");
        return sb.toString();
    }

    private String randomLine() {
        StringBuilder sb = new StringBuilder(rnd.nextInt(10) == 0 ? " " : "").append(pick(KEYWORDS));
        int flags = rnd.nextInt(3);
        for (int i = 0; i < flags; i++) sb.append(' ').append(pick(FLAGS));
        int words = rnd.nextInt(5);
        for (int i = 0; i < words; i++) sb.append(rnd.nextBoolean() ? " " : "").append(rnd.nextBoolean() ? pick(TOKENS) : word());
        return sb.toString();
    }

    /** A random word for the shell lexer: tokens, variables, quotes and escapes. */
    String shellWord() {
        StringBuilder sb = new StringBuilder();
        int parts = rnd.nextInt(10);
        for (int i = 0; i < parts; i++) sb.append(rnd.nextBoolean() ? pick(TOKENS) : rnd.nextBoolean() ? word() : pick(SHELL));
        if (rnd.nextInt(20) == 0) sb.append(deepNesting());
        return sb.toString();
    }

    private static final List<String> SHELL = List.of("${A}", "${A:-x}", "${A-}", "${A:+$B}", "${A#*/}", "${A##a*}",
            "${A%/*}", "${A%%[a-z]}", "${A/a/b}", "${A//?/\\}", "${A:?}", "${#A}", "$1", "$@", "${", "${A", "${A:",
            "${A/", "$'", "'$A'", "\"$A\"", "[!a]", "*", "?", "\\$", "`$`", "${A:-${B:-${C}}}");

    private String word() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "/a/b";
            case 1 -> "k=v";
            case 2 -> "scratch";
            case 3 -> "\"x y\"";
            case 4 -> "$VAR";
            default -> "echo";
        };
    }

    private void mutate(StringBuilder t) {
        int pos = t.isEmpty() ? 0 : rnd.nextInt(t.length() + 1);
        switch (rnd.nextInt(11)) {
            case 10 -> t.insert(pos, deepNesting());
            case 0 -> t.insert(pos, ALPHABET[rnd.nextInt(ALPHABET.length)]);
            case 1 -> { if (pos < t.length()) t.delete(pos, Math.min(t.length(), pos + 1 + rnd.nextInt(8))); }
            case 2 -> { if (pos < t.length()) t.setCharAt(pos, ALPHABET[rnd.nextInt(ALPHABET.length)]); }
            case 3 -> t.insert(pos, pick(TOKENS));
            case 4 -> t.insert(pos, pick(FLAGS) + " ");
            case 5 -> t.insert(lineStart(t, pos), randomLine() + "\n");
            case 6 -> t.insert(0, pick(DIRECTIVES));
            default -> editLines(t);
        }
    }

    /** Deep nesting (stack depth attacks): substitutions, JSON arrays, ONBUILD chains, quotes; up to 5,000 levels. */
    String deepNesting() {
        int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 5_000);
        return switch (rnd.nextInt(5)) {
            case 0 -> "${A:-".repeat(n) + "x" + "}".repeat(rnd.nextInt(n + 1));
            case 1 -> "[".repeat(n) + "\"a\"" + "]".repeat(rnd.nextInt(n + 1));
            case 2 -> "ONBUILD ".repeat(n) + "RUN x";
            case 3 -> "\"${A:+\"".repeat(n) + "}\"".repeat(rnd.nextInt(n + 1));
            default -> "{\"k\":[".repeat(n) + "]}".repeat(rnd.nextInt(n + 1));
        };
    }

    private void editLines(StringBuilder t) {
        List<String> lines = new ArrayList<>(Arrays.asList(t.toString().split("\n", -1)));
        int i = rnd.nextInt(lines.size());
        switch (rnd.nextInt(4)) {
            case 0 -> lines.add(i, lines.get(i));
            case 1 -> { if (lines.size() > 1) lines.remove(i); }
            case 2 -> {
                int j = rnd.nextInt(lines.size());
                String a = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, a);
            }
            default -> lines.set(i, lines.get(i) + pick(List.of(" \\", " `", " <<EOF", " <<-'END'", " \"", " [")));
        }
        t.setLength(0);
        t.append(String.join("\n", lines));
    }

    private static int lineStart(StringBuilder t, int pos) {
        int p = Math.min(pos, t.length());
        while (p > 0 && t.charAt(p - 1) != '\n') p--;
        return p;
    }

    private String pick(List<String> l) {
        return l.get(rnd.nextInt(l.size()));
    }
}
