package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether kiln runs inside a container (in-place RUN is refused elsewhere) and inside its own executor image (where
 * {@code --isolation auto} picks in-place). {@code root} is the filesystem to look at ({@code /} in production) and
 * {@code env} the process environment, both parameters so the logic is testable.
 */
public record ContainerDetector(Path root, Map<String, String> env) {
    /** Set by kiln's executor image. */
    public static final String EXECUTOR_IMAGE_ENV = "KILN_EXECUTOR_IMAGE";
    /** Set to declare a container where none of the markers exists. */
    public static final String IN_CONTAINER_ENV = "KILN_IN_CONTAINER";
    private static final Pattern CGROUP = Pattern.compile("(docker|kubepods|containerd|libpod|lxc|crio|garden)");

    public ContainerDetector {
        env = Map.copyOf(env);
    }

    public static ContainerDetector system(Map<String, String> env) {
        return new ContainerDetector(Path.of("/"), env);
    }

    public boolean executorImage() {
        return "1".equals(env.get(EXECUTOR_IMAGE_ENV)) || "true".equalsIgnoreCase(env.get(EXECUTOR_IMAGE_ENV));
    }

    /** Why we think this is a container, null when it does not look like one. */
    public String containerEvidence() {
        String declared = env.get(IN_CONTAINER_ENV);
        if (declared != null && !declared.isEmpty() && !declared.equals("0")) return IN_CONTAINER_ENV + " is set";
        if (executorImage()) return EXECUTOR_IMAGE_ENV + " is set";
        for (String marker : new String[]{".dockerenv", "run/.containerenv"}) {
            if (Files.exists(root.resolve(marker))) return "/" + marker + " exists";
        }
        String cgroup = read("proc/1/cgroup");
        if (CGROUP.matcher(cgroup).find()) return "/proc/1/cgroup names a container runtime";
        for (String line : read("proc/self/mountinfo").split("\n")) {
            String[] f = line.split(" ");
            int dash = java.util.Arrays.asList(f).indexOf("-");
            if (f.length > 4 && f[4].equals("/") && dash > 0 && dash + 1 < f.length && f[dash + 1].equals("overlay")) {
                return "the root filesystem is an overlay mount";
            }
        }
        return null;
    }

    public boolean inContainer() {
        return containerEvidence() != null;
    }

    private String read(String rel) {
        try {
            return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
