package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.CommandLine;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.parser.Node;

import java.util.List;

/** One AST instruction node as the typed parsers see it (BuildKit {@code parseRequest}). */
record ParseRequest(Node node, String keyword, List<String> args, BuilderFlags flags, SourceLocation location) {

    static ParseRequest of(Node node, String file) {
        SourceLocation loc = new SourceLocation(file, node.startLine(), Math.max(node.startLine(), node.endLine()), node.original());
        String keyword = node.value().toUpperCase(java.util.Locale.ROOT);
        return new ParseRequest(node, keyword, node.args(), new BuilderFlags(keyword, node.flags()), loc);
    }

    boolean json() {
        return node.json();
    }

    /** The instruction's heredocs as typed values (body raw; apply {@link Heredoc#body()} when using it). */
    List<Heredoc> heredocs() {
        return node.heredocs().stream().map(h -> new Heredoc(h.name(), h.content(), h.expand(), h.chomp())).toList();
    }

    /** Exec form keeps the JSON items; shell form joins the arguments into one string (BuildKit {@code handleJSONArgs}). */
    List<String> commandArgs() {
        if (args.isEmpty()) return List.of();
        if (json()) return args;
        return List.of(String.join(" ", args));
    }

    CommandLine commandLine() {
        return new CommandLine(commandArgs(), !json());
    }

    void requireExactlyOne() {
        if (args.size() != 1) throw new IllegalArgumentException(keyword + " requires exactly one argument");
    }

    void requireAtLeastOne() {
        if (args.isEmpty()) throw new IllegalArgumentException(keyword + " requires at least one argument");
    }
}
