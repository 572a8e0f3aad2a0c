package dev.kiln.step;

import dev.kiln.plan.BuildException;
import dev.kiln.plan.WordExpander;

import dev.kiln.dockerfile.instructions.Expose;
import dev.kiln.dockerfile.instructions.Maintainer;
import dev.kiln.dockerfile.instructions.Onbuild;
import dev.kiln.dockerfile.instructions.StopSignal;
import dev.kiln.dockerfile.instructions.User;
import dev.kiln.dockerfile.instructions.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** USER, EXPOSE, VOLUME, STOPSIGNAL, MAINTAINER and ONBUILD: config-only instructions. */
public final class ConfigSteps {
    private final WordExpander words;
    private final HistoryClock clock;

    ConfigSteps(WordExpander words, HistoryClock clock) {
        this.words = words;
        this.clock = clock;
    }

    void user(StageState s, User c) {
        String u = words.expand(c.user(), s.scope());
        if (u.isEmpty()) throw BuildException.at(c.location(), "USER requires a user name or id");
        s.setContainer(s.container().withUser(u));
        s.addHistory(clock.entry("USER " + u, false));
    }

    void expose(StageState s, Expose c) {
        List<String> ports = new ArrayList<>();
        for (String p : c.ports()) {
            for (String w : words.expandWords(p, s.scope())) ports.addAll(Ports.parse(w, c.location()));
        }
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        if (s.container().exposedPorts() != null) m.putAll(s.container().exposedPorts());
        for (String p : ports) m.put(p, Map.of());
        s.setContainer(s.container().withExposedPorts(m));
        s.addHistory(clock.entry("EXPOSE " + GoFormat.plainList(ports), false));
    }

    void volume(StageState s, Volume c) {
        List<String> vols = new ArrayList<>();
        for (String v : c.paths()) {
            String e = words.expand(v, s.scope());
            if (e.isEmpty()) throw BuildException.at(c.location(), "VOLUME specified can not be an empty string");
            vols.add(e);
        }
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        if (s.container().volumes() != null) m.putAll(s.container().volumes());
        for (String v : vols) m.put(v, Map.of());
        s.setContainer(s.container().withVolumes(m));
        s.addHistory(clock.entry("VOLUME " + GoFormat.plainList(vols), false));
    }

    void stopSignal(StageState s, StopSignal c) {
        String sig = words.expand(c.signal(), s.scope());
        if (!Signals.valid(sig)) throw BuildException.at(c.location(), "invalid signal: " + sig);
        s.setContainer(s.container().withStopSignal(sig));
        s.addHistory(clock.entry("STOPSIGNAL " + sig, false));
    }

    void maintainer(StageState s, Maintainer c) {
        s.setConfig(s.config().withAuthor(c.maintainer()));
        s.addHistory(clock.entry("MAINTAINER " + c.maintainer(), false));
    }

    /** ONBUILD records the trigger for images built FROM this one; it writes no history. */
    void onbuild(StageState s, Onbuild c) {
        List<String> l = new ArrayList<>();
        if (s.container().onBuild() != null) l.addAll(s.container().onBuild());
        l.add(c.expression());
        s.setContainer(s.container().withOnBuild(l));
    }
}
