package dev.kiln.context.source;

/**
 * What {@code kiln build} asks of the context: {@code --context}, {@code --context-sub-path} (null or empty for
 * none), {@code --dockerfile} (a path, or an {@code http(s)://} URL) and {@code --git}.
 */
public record ContextRequest(String context, String subPath, String dockerfile, GitOptions git) {
    public ContextRequest {
        if (context == null || context.isBlank()) throw new IllegalArgumentException("--context is empty");
        if (dockerfile == null || dockerfile.isBlank()) throw new IllegalArgumentException("--dockerfile is empty");
        if (subPath != null && subPath.isBlank()) subPath = null;
        if (git == null) git = GitOptions.DEFAULT;
    }
}
