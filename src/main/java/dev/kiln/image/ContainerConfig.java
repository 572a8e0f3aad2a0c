package dev.kiln.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime part of an image config ({@code config} in the JSON), with Docker's field names.
 * Immutable; the {@code with…} methods return changed copies.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("ArgsEscaped") Boolean argsEscaped,
        @JsonProperty("Healthcheck") Healthcheck healthcheck,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Shell") List<String> shell) {

    public static final ContainerConfig EMPTY = new ContainerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public ContainerConfig {
        exposedPorts = copySorted(exposedPorts);
        volumes = copySorted(volumes);
        labels = labels == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
        env = env == null ? null : List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        onBuild = onBuild == null ? null : List.copyOf(onBuild);
        shell = shell == null ? null : List.copyOf(shell);
    }

    private static Map<String, Map<String, Object>> copySorted(Map<String, Map<String, Object>> m) {
        if (m == null) return null;
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, Map.of()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Env as an ordered map (last assignment of a key wins, position of first kept). */
    public Map<String, String> envMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (env != null) {
            for (String e : env) {
                int eq = e.indexOf('=');
                m.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
            }
        }
        return m;
    }

    public ContainerConfig withUser(String v) { return new ContainerConfig(v, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withExposedPorts(Map<String, Map<String, Object>> v) { return new ContainerConfig(user, v, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withEnv(List<String> v) { return new ContainerConfig(user, exposedPorts, v, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withEntrypoint(List<String> v) { return new ContainerConfig(user, exposedPorts, env, v, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withCmd(List<String> v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, v, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withVolumes(Map<String, Map<String, Object>> v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, v, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withWorkingDir(String v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, v, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withLabels(Map<String, String> v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, v, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withStopSignal(String v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, v, argsEscaped, healthcheck, onBuild, shell); }
    public ContainerConfig withArgsEscaped(Boolean v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, v, healthcheck, onBuild, shell); }
    public ContainerConfig withHealthcheck(Healthcheck v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, v, onBuild, shell); }
    public ContainerConfig withOnBuild(List<String> v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, v, shell); }
    public ContainerConfig withShell(List<String> v) { return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, v); }
}
