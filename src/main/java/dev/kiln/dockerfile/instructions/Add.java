package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--parents] [--keep-git-dir] [--checksum] [--unpack] [--exclude…] src… dest}.
 * Null means flag absent ({@code unpack} null: decide by source type).
 */
public record Add(SourceLocation location, SourcesAndDest paths, String chown, String chmod, boolean link,
                  boolean parents, boolean keepGitDir, String checksum, Boolean unpack, List<String> excludes)
        implements Instruction {
    public Add {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }
}
