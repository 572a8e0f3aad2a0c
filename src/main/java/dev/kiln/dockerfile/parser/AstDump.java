package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.GoChars;
import dev.kiln.dockerfile.shell.GoQuote;

import java.util.Locale;

/** BuildKit's {@code Node.Dump()}: {@code (keyword ["--flag"] "arg" ...)} per instruction. */
final class AstDump {
    private AstDump() {}

    static String dump(Node node) {
        StringBuilder str = new StringBuilder(node.value().toLowerCase(Locale.ROOT));
        if (!node.flags().isEmpty()) str.append(' ').append(GoQuote.quoteList(node.flags()));
        for (Node child : node.children()) str.append('(').append(dump(child)).append(")\n");
        for (Node n = node.next(); n != null; n = n.next()) {
            str.append(' ').append(n.children().isEmpty() ? GoQuote.quote(n.value()) : dump(n));
        }
        return GoChars.trimSpace(str.toString());
    }
}
