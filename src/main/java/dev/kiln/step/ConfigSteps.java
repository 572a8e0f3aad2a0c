package dev.kiln.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** USER, EXPOSE, VOLUME, STOPSIGNAL, MAINTAINER and ONBUILD applied to the stage: config only. */
final class ConfigSteps {
    private final HistoryClock clock;

    ConfigSteps(HistoryClock clock) {
        this.clock = clock;
    }

    void user(StageState s, Step.User c) {
        s.setContainer(s.container().withUser(c.user()));
        s.addHistory(clock.entry(c.history(), false));
    }

    void expose(StageState s, Step.Expose c) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        if (s.container().exposedPorts() != null) m.putAll(s.container().exposedPorts());
        for (String p : c.ports()) m.put(p, Map.of());
        s.setContainer(s.container().withExposedPorts(m));
        s.addHistory(clock.entry(c.history(), false));
    }

    void volume(StageState s, Step.Volume c) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        if (s.container().volumes() != null) m.putAll(s.container().volumes());
        for (String v : c.paths()) m.put(v, Map.of());
        s.setContainer(s.container().withVolumes(m));
        s.addHistory(clock.entry(c.history(), false));
    }

    void stopSignal(StageState s, Step.StopSignal c) {
        s.setContainer(s.container().withStopSignal(c.signal()));
        s.addHistory(clock.entry(c.history(), false));
    }

    void maintainer(StageState s, Step.Maintainer c) {
        s.setConfig(s.config().withAuthor(c.maintainer()));
        s.addHistory(clock.entry(c.history(), false));
    }

    /** ONBUILD records the trigger for images built FROM this one; it writes no history. */
    void onbuild(StageState s, Step.Onbuild c) {
        List<String> l = new ArrayList<>();
        if (s.container().onBuild() != null) l.addAll(s.container().onBuild());
        l.add(c.expression());
        s.setContainer(s.container().withOnBuild(l));
    }
}
