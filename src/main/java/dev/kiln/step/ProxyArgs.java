package dev.kiln.step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The predefined proxy ARGs ({@code HTTP_PROXY HTTPS_PROXY FTP_PROXY NO_PROXY ALL_PROXY}, upper and lower case):
 * a {@code --build-arg} of one of these is usable in every stage without an {@code ARG} declaration, is never
 * reported as unconsumed, and its value never goes into the image history (proxy URLs may carry credentials).
 */
public final class ProxyArgs {
    static final Set<String> NAMES = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
            "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private ProxyArgs() {}

    public static boolean isProxy(String name) {
        return NAMES.contains(name);
    }

    /** The proxy values among the build args (for the RUN environment). */
    static Map<String, String> from(Map<String, String> buildArgs) {
        Map<String, String> m = new LinkedHashMap<>();
        buildArgs.forEach((k, v) -> {
            if (isProxy(k)) m.put(k, v);
        });
        return m;
    }

    /** Makes the proxy build args visible in a new stage's scope (an image ENV of the same name wins). */
    public static void seed(StageState s, Map<String, String> buildArgs) {
        from(buildArgs).forEach(s.scope()::putIfAbsent);
    }
}
