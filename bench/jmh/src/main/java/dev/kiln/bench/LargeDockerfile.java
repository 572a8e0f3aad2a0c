package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;

/** A generated Dockerfile of exactly N lines: stages, flags, continuations, comments, heredocs, JSON forms. */
public final class LargeDockerfile {
    private LargeDockerfile() {}

    private static final List<String> BLOCK = List.of(
            "FROM --platform=$BUILDPLATFORM registry.example.com/base/image:1.2.%d AS stage%d",
            "ARG VERSION=1.%d.0 COMMIT",
            "ENV APP_HOME=/opt/app%d \\",
            "    PATH=/opt/app/bin:$PATH \\",
            "    LANG=C.UTF-8",
            "LABEL org.opencontainers.image.version=\"${VERSION}\" org.example.n=%d",
            "WORKDIR $APP_HOME",
            "# a comment between instructions",
            "COPY --chown=1000:1000 --chmod=0644 --exclude=*.md src/ docs/%d/ /opt/app/",
            "COPY --from=stage0 --link /opt/app/bin/ /usr/local/bin/",
            "RUN --mount=type=cache,target=/root/.cache,sharing=locked \\",
            "    --mount=type=secret,id=token,required \\",
            "    set -eux; \\",
            "    # comment inside a continuation",
            "    apt-get update && apt-get install -y curl git ca-certificates; \\",
            "    rm -rf /var/lib/apt/lists/* && echo %d",
            "RUN <<EOF",
            "set -e",
            "echo building %d > /build.txt",
            "EOF",
            "COPY <<-'CONF' /etc/app/app%d.conf",
            "\tkey=value",
            "\tother=$NOT_EXPANDED",
            "\tCONF",
            "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/%d.tar.gz /tmp/",
            "EXPOSE 80%d/tcp 443",
            "USER 1000:1000",
            "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1",
            "ENTRYPOINT [\"/usr/local/bin/app\", \"--config\", \"/etc/app/app%d.conf\"]",
            "CMD [\"serve\"]",
            "");

    /** The Dockerfile text with exactly {@code lines} lines (each ends in a newline). */
    public static String generate(int lines) {
        StringBuilder sb = new StringBuilder();
        List<String> out = new ArrayList<>();
        int n = 0;
        while (out.size() < lines) {
            for (String l : BLOCK) out.add(l.replace("%d", Integer.toString(n)));
            n++;
        }
        // cut at a block boundary when possible, pad with comments to the exact count
        while (out.size() > lines) out.removeLast();
        while (!out.isEmpty() && !out.getLast().isEmpty() && out.size() > lines - BLOCK.size()) out.removeLast();
        while (out.size() < lines) out.add("# padding " + out.size());
        for (String l : out) sb.append(l).append('\n');
        return sb.toString();
    }
}
