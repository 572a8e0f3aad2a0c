package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.parser.Node;

import java.util.List;
import java.util.Locale;

/** One AST instruction node to its typed record (BuildKit {@code instructions.ParseInstruction}). */
public final class InstructionParser {
    /** Every instruction keyword, for "did you mean" suggestions. */
    public static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    private InstructionParser() {}

    /**
     * Converts {@code node} (a child of the AST root) to its typed instruction.
     *
     * @throws DockerfileException {@code FILE:LINE: message} for unknown instructions or flags, missing or bad arguments
     */
    public static Instruction parse(Node node, String file) {
        ParseRequest req = ParseRequest.of(node, file);
        try {
            return switch (node.value().toLowerCase(Locale.ROOT)) {
                case "from" -> SimpleParsers.from(req);
                case "env" -> SimpleParsers.env(req);
                case "label" -> SimpleParsers.label(req);
                case "arg" -> SimpleParsers.arg(req);
                case "expose" -> SimpleParsers.expose(req);
                case "volume" -> SimpleParsers.volume(req);
                case "workdir" -> SimpleParsers.workdir(req);
                case "user" -> SimpleParsers.user(req);
                case "stopsignal" -> SimpleParsers.stopSignal(req);
                case "maintainer" -> SimpleParsers.maintainer(req);
                case "onbuild" -> SimpleParsers.onbuild(req);
                case "copy" -> CopyAddParser.copy(req);
                case "add" -> CopyAddParser.add(req);
                case "run" -> CommandParsers.run(req);
                case "cmd" -> CommandParsers.cmd(req);
                case "entrypoint" -> CommandParsers.entrypoint(req);
                case "shell" -> CommandParsers.shell(req);
                case "healthcheck" -> HealthcheckParser.parse(req);
                default -> throw new IllegalArgumentException(
                        Suggest.wrap("unknown instruction: " + node.value(), node.value(), KEYWORDS, false));
            };
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(file, node.startLine(), e.getMessage());
        }
    }
}
