package dev.kiln.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's generic Dockerfile AST node ({@code parser.Node}). The root has one child per instruction; an
 * instruction node has the keyword as {@code value} (case as written), its leading {@code --flags}, and its
 * arguments as the {@code next} chain. {@code ONBUILD}'s single argument is a node whose one child is the
 * nested instruction.
 *
 * @param value     the token (keyword for an instruction, argument text for an argument node)
 * @param next      the next argument in the chain, or null
 * @param children  instructions (root) or the nested instruction (ONBUILD argument)
 * @param json      the arguments came from a JSON array (BuildKit attribute {@code json})
 * @param original  the instruction line as read (continuations joined, comments removed)
 * @param flags     the instruction's {@code --name[=value]} words, quotes removed
 * @param startLine first physical line (1-based), 0 for argument nodes
 * @param endLine   last physical line consumed (heredoc bodies included)
 * @param heredocs  heredoc bodies attached to a RUN/COPY/ADD (or ONBUILD of one)
 */
public record Node(String value, Node next, List<Node> children, boolean json, String original, List<String> flags,
                   int startLine, int endLine, List<ParsedHeredoc> heredocs) {

    public Node {
        value = value == null ? "" : value;
        children = children == null ? List.of() : List.copyOf(children);
        original = original == null ? "" : original;
        flags = flags == null ? List.of() : List.copyOf(flags);
        heredocs = heredocs == null ? List.of() : List.copyOf(heredocs);
    }

    /** An argument node. */
    public static Node leaf(String value, Node next) {
        return new Node(value, next, List.of(), false, "", List.of(), 0, 0, List.of());
    }

    /** A chain of argument nodes, or null for no arguments. */
    public static Node chain(List<String> values) {
        Node head = null;
        for (int i = values.size() - 1; i >= 0; i--) head = leaf(values.get(i), head);
        return head;
    }

    public Node withLines(int start, int end) {
        return new Node(value, next, children, json, original, flags, start, end, heredocs);
    }

    public Node withHeredocs(List<ParsedHeredoc> docs) {
        return new Node(value, next, children, json, original, flags, startLine, endLine, docs);
    }

    /**
     * The argument strings the way BuildKit's {@code instructions} package reads them: the {@code next} chain,
     * with a nested instruction flattened to its keyword followed by its own arguments.
     */
    public List<String> args() {
        List<String> out = new ArrayList<>();
        for (Node n = next; n != null; n = n.next) {
            if (n.children.isEmpty()) {
                out.add(n.value);
            } else if (n.children.size() == 1) {
                out.add(n.children.getFirst().value);
                out.addAll(n.children.getFirst().args());
            }
        }
        return out;
    }

    /** The nested instruction of an {@code ONBUILD}, or null. */
    public Node subCommand() {
        return next != null && !next.children.isEmpty() ? next.children.getFirst() : null;
    }

    /** BuildKit's {@code Node.Dump()} (the test dump format), without the final newline. */
    public String dump() {
        return AstDump.dump(this);
    }
}
