package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.From;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.dockerfile.parser.AstParser;
import dev.kiln.dockerfile.parser.Node;
import dev.kiln.dockerfile.parser.ParseResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The Dockerfile front end: text to typed {@link Dockerfile} (directives, meta ARGs, stages), read the way BuildKit
 * reads it. Values (image names, paths, ENV/ARG/LABEL values, flag values) stay unexpanded and keep their quotes;
 * the build expands them with {@link dev.kiln.dockerfile.shell.ShellLex} (escape token
 * {@link Dockerfile#escapeToken()}) and the stage's environment at dispatch time.
 *
 * <p>Errors are {@link DockerfileException}s whose message starts with {@code FILE:LINE:}.
 */
public final class DockerfileParser {
    private DockerfileParser() {}

    /** Parses a whole Dockerfile; {@code fileName} is used in locations and error messages (null = "Dockerfile"). */
    public static Dockerfile parse(String text, String fileName) {
        String file = fileName == null ? "Dockerfile" : fileName;
        return fromAst(AstParser.parse(text, file), file);
    }

    /** Builds the typed form from an already parsed AST (e.g. to also inspect {@link ParseResult#warnings()}). */
    public static Dockerfile fromAst(ParseResult ast, String file) {
        List<Arg> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        From from = null;
        List<Instruction> current = new ArrayList<>();
        for (Node node : ast.ast().children()) {
            Instruction ins = InstructionParser.parse(node, file);
            if (ins instanceof From f) {
                if (from != null) stages.add(new Stage(stages.size(), from, current));
                from = f;
                current = new ArrayList<>();
            } else if (from == null && ins instanceof Arg a) {
                metaArgs.add(a);
            } else if (from == null) {
                throw new DockerfileException(file, node.startLine(), "no build stage in current context: "
                        + ins.keyword() + " before the first FROM (only ARG may come before FROM)");
            } else {
                current.add(ins);
            }
        }
        if (from == null) throw new DockerfileException(file, 0, "dockerfile contains no stages to build");
        stages.add(new Stage(stages.size(), from, current));
        return new Dockerfile(ast.directives(), metaArgs, stages);
    }
}
