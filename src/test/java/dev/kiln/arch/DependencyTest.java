package dev.kiln.arch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The package graph of kiln is the one drawn in docs/architecture.md: every dependency between top-level packages
 * is in {@link #ALLOWED} (which is acyclic), and the classes of the build pipeline have no cycles among them.
 * A new edge is a design decision: add it here and to the picture, or move the code.
 */
class DependencyTest {
    /** package → the packages it may use. Sub-packages ({@code context.source}, {@code fs.extract}) count as their parent. */
    static final Map<String, Set<String>> ALLOWED = allowed(
            "event", "",
            "image", "",
            "source", "",
            "dockerfile", "",
            "fs", "event image source",
            "registry", "event image",
            "layout", "image",
            "attest", "dockerfile event image layout registry source",
            "run", "event image",
            "context", "event fs source",
            "plan", "dockerfile image registry",
            "rootfs", "event fs image run",
            "step", "plan rootfs context dockerfile event fs image run source",
            "cache", "plan step rootfs dockerfile event fs image layout registry",
            "output", "step event image layout registry",
            "pipeline", "plan step rootfs cache dockerfile event fs image",
            "request", "cache context fs image output registry run step",
            "cli", "attest request pipeline plan step rootfs cache output context dockerfile event fs image registry run");

    /** Packages whose classes must not form cycles (the build pipeline split out of the former {@code build}). */
    static final Set<String> NO_CLASS_CYCLES = Set.of("plan", "step", "rootfs", "cache", "output", "pipeline", "source", "event", "request");

    private static ClassGraph graph;

    @BeforeAll
    static void read() throws IOException {
        graph = ClassGraph.of(Path.of("target", "classes"));
    }

    private static Map<String, Set<String>> allowed(String... pairs) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Set<String> to = new TreeSet<>();
            for (String t : pairs[i + 1].split(" ")) if (!t.isBlank()) to.add(t);
            m.put(pairs[i], to);
        }
        return m;
    }

    @Test
    void everyPackageDependencyIsAllowed() {
        List<String> bad = new ArrayList<>();
        graph.packageEdges().forEach((from, tos) -> {
            if (from.isEmpty()) return;
            if (!ALLOWED.containsKey(from)) {
                bad.add("package " + from + " is not in DependencyTest.ALLOWED");
                return;
            }
            for (String to : tos) {
                if (!ALLOWED.get(from).contains(to)) bad.add(from + " -> " + to + " " + graph.witnesses(from, to));
            }
        });
        assertTrue(bad.isEmpty(), "dependencies outside the allowed list:\n" + String.join("\n", bad));
    }

    @Test
    void everyAllowedEdgeIsUsedSoTheListIsThePicture() {
        List<String> unused = new ArrayList<>();
        ALLOWED.forEach((from, tos) -> {
            for (String to : tos) {
                if (!graph.packageEdges().getOrDefault(from, Set.of()).contains(to)) unused.add(from + " -> " + to);
            }
        });
        assertTrue(unused.isEmpty(), "allowed but unused (remove them here and in docs/architecture.md): " + unused);
    }

    @Test
    void allowedPackageGraphIsAcyclic() {
        List<List<String>> cycles = cycles(ALLOWED);
        assertTrue(cycles.isEmpty(), "package cycles in ALLOWED: " + cycles);
    }

    @Test
    void pipelineClassesHaveNoCycles() {
        Map<String, Set<String>> g = new TreeMap<>();
        graph.edges().forEach((from, tos) -> {
            if (!NO_CLASS_CYCLES.contains(ClassGraph.module(from))) return;
            Set<String> in = new TreeSet<>();
            for (String t : tos) if (NO_CLASS_CYCLES.contains(ClassGraph.module(t))) in.add(t);
            g.put(from, in);
        });
        List<List<String>> cycles = cycles(g);
        assertTrue(cycles.isEmpty(), "class cycles: " + cycles);
    }

    @Test
    void aForbiddenEdgeIsReported() {
        Map<String, Set<String>> withBackEdge = new TreeMap<>(ALLOWED);
        Set<String> plan = new TreeSet<>(ALLOWED.get("plan"));
        plan.add("pipeline");
        withBackEdge.put("plan", plan);
        assertFalse(cycles(withBackEdge).isEmpty(), "plan -> pipeline closes a cycle and must be caught");
    }

    /** The strongly connected components with more than one node (Tarjan). */
    static List<List<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) if (!index.containsKey(v)) strong(v, g, index, low, stack, onStack, out, counter);
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                               Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> scc = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) out.add(scc);
        }
    }
}
