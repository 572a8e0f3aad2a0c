package dev.kiln.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipe in deploy/ and the substitutions that make its command lines run here: its placeholder images become the
 * test's executor images and its placeholder destination the loopback registry; everything else is used verbatim.
 */
record Recipe(Path file, Map<String, String> replacements) {
    static final String EXECUTOR = "registry.example.com/kiln/executor:latest";
    static final String DEBUG = "registry.example.com/kiln/executor:debug";
    static final String NONROOT = "registry.example.com/kiln/executor:nonroot";
    static final String APP = "registry.example.com/team/app:1.0";

    Recipe {
        replacements = Map.copyOf(replacements);
    }

    static Recipe of(String relative, ExecutorImage image, String destination) {
        Path f = Path.of(System.getProperty("kiln.basedir", "."), "deploy").resolve(relative);
        Map<String, String> r = new LinkedHashMap<>();
        r.put(EXECUTOR, image.executor());
        r.put(DEBUG, image.debug());
        r.put(APP, destination);
        return new Recipe(f, r);
    }

    /** A recipe of the {@code :nonroot} image: the placeholder becomes {@code image}, the destination the loopback registry's. */
    static Recipe of(String relative, NonRootImage image, String destination) {
        Path f = Path.of(System.getProperty("kiln.basedir", "."), "deploy").resolve(relative);
        return new Recipe(f, Map.of(NONROOT, image.ref(), APP, destination));
    }

    String apply(String s) {
        String out = s;
        for (var e : replacements.entrySet()) out = out.replace(e.getKey(), e.getValue());
        return out;
    }

    List<String> apply(List<String> list) {
        List<String> out = new ArrayList<>();
        for (String s : list) out.add(apply(s));
        return out;
    }

    Recipe with(String placeholder, String value) {
        Map<String, String> r = new LinkedHashMap<>(replacements);
        r.put(placeholder, value);
        return new Recipe(file, r);
    }
}
