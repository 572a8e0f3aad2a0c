package dev.kiln.dockerfile;

import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.SourcesAndDest;
import dev.kiln.dockerfile.parser.Heredocs;
import dev.kiln.dockerfile.parser.ParsedHeredoc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** COPY and ADD: flags, source paths, inline heredoc sources and the destination. */
final class CopyAddParser {
    private CopyAddParser() {}

    static Copy copy(ParseRequest req) {
        requireDestination(req);
        BuilderFlags f = req.flags().strings("exclude").bool("parents").string("chown").string("from")
                .string("chmod").bool("link").parse();
        return new Copy(req.location(), paths(req), f.get("from"), f.get("chown"), f.get("chmod"),
                f.isTrue("link"), f.isTrue("parents"), f.all("exclude"));
    }

    static Add add(ParseRequest req) {
        requireDestination(req);
        BuilderFlags f = req.flags().strings("exclude").bool("parents").string("chown").string("chmod").bool("link")
                .bool("keep-git-dir").string("checksum").bool("unpack").parse();
        String checksum = f.get("checksum");
        if (checksum != null) Checksums.validate(checksum);
        return new Add(req.location(), paths(req), f.get("chown"), f.get("chmod"), f.isTrue("link"),
                f.isTrue("parents"), f.isTrue("keep-git-dir"), checksum, f.optionalBool("unpack"), f.all("exclude"));
    }

    private static void requireDestination(ParseRequest req) {
        if (req.args().size() < 2) {
            throw new IllegalArgumentException(req.keyword()
                    + " requires at least two arguments, but only one was provided. Destination could not be determined");
        }
    }

    /** Splits the arguments into paths and heredoc sources ({@code <<EOF} words); the last one is the destination. */
    private static SourcesAndDest paths(ParseRequest req) {
        List<String> args = req.args();
        String dest = args.getLast();
        if (heredoc(dest) != null) throw new IllegalArgumentException(req.keyword() + " cannot accept a heredoc as a destination");
        Map<String, Heredoc> bodies = new HashMap<>();
        for (Heredoc h : req.heredocs()) bodies.put(h.name(), h);
        List<String> sources = new ArrayList<>();
        List<Heredoc> inline = new ArrayList<>();
        for (String src : args.subList(0, args.size() - 1)) {
            ParsedHeredoc h = heredoc(src);
            if (h == null) {
                sources.add(src);
            } else {
                Heredoc body = bodies.get(h.name());
                inline.add(new Heredoc(h.name(), body == null ? "" : body.content(), h.expand(), h.chomp()));
            }
        }
        return new SourcesAndDest(sources, inline, dest);
    }

    private static ParsedHeredoc heredoc(String word) {
        try {
            return Heredocs.parse(word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
