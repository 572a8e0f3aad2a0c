package dev.kiln.arch;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * kiln's compiled classes and what each refers to, read from the class files' constant pools (class entries and
 * type descriptors/signatures) with the JDK's class-file API: the real dependencies, generics included.
 * Nested classes are folded into their top-level class.
 */
record ClassGraph(Map<String, Set<String>> edges) {
    static final String ROOT = "dev/kiln/";
    private static final Pattern DESCRIPTOR_REF = Pattern.compile("L(dev/kiln/[\\w/$]+)[;<]");

    static ClassGraph of(Path classes) throws IOException {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> s = Files.walk(classes.resolve(ROOT))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassModel m = ClassFile.of().parse(p);
                String from = topLevel(m.thisClass().asInternalName());
                Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                for (PoolEntry e : m.constantPool()) {
                    if (e instanceof ClassEntry c) add(to, from, c.asInternalName());
                    if (e instanceof Utf8Entry u && u.stringValue().contains("Ldev/kiln/")) {
                        Matcher x = DESCRIPTOR_REF.matcher(u.stringValue());
                        while (x.find()) add(to, from, x.group(1));
                    }
                }
            }
        }
        return new ClassGraph(edges);
    }

    private static void add(Set<String> to, String from, String internal) {
        if (!internal.startsWith(ROOT)) return;
        String t = topLevel(internal);
        if (!t.equals(from)) to.add(t);
    }

    static String topLevel(String internal) {
        int d = internal.indexOf('$');
        return (d < 0 ? internal : internal.substring(0, d)).replace('/', '.');
    }

    /** The top-level package of a class under {@code dev.kiln}: {@code dev.kiln.context.source.X} → {@code context}. */
    static String module(String className) {
        String rest = className.substring("dev.kiln.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }

    /** The package-level graph: an edge when any class of one package refers to a class of another. */
    Map<String, Set<String>> packageEdges() {
        Map<String, Set<String>> out = new TreeMap<>();
        edges.forEach((from, tos) -> {
            String a = module(from);
            Set<String> set = out.computeIfAbsent(a, k -> new TreeSet<>());
            for (String to : tos) {
                String b = module(to);
                if (!a.equals(b)) set.add(b);
            }
        });
        return out;
    }

    /** Classes that refer to a class of {@code to} from package {@code from}, for messages. */
    Set<String> witnesses(String from, String to) {
        Set<String> out = new TreeSet<>();
        edges.forEach((c, tos) -> {
            if (!module(c).equals(from)) return;
            for (String t : tos) if (module(t).equals(to)) out.add(c.substring(c.lastIndexOf('.') + 1) + " -> " + t.substring(t.lastIndexOf('.') + 1));
        });
        return out;
    }
}
