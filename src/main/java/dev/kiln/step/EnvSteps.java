package dev.kiln.step;

import dev.kiln.dockerfile.instructions.KeyValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ENV, ARG and LABEL applied to the stage: variables and labels, no layer (BuildKit dispatchEnv/dispatchArg/dispatchLabel). */
final class EnvSteps {
    private final HistoryClock clock;

    EnvSteps(HistoryClock clock) {
        this.clock = clock;
    }

    void env(StageState s, Step.Env c) {
        Map<String, String> env = s.container().envMap();
        for (KeyValue kv : c.vars()) {
            env.put(kv.key(), kv.value());
            s.scope().put(kv.key(), kv.value());
        }
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        s.setContainer(s.container().withEnv(list));
        s.addHistory(clock.entry(c.history(), false));
    }

    void label(StageState s, Step.Label c) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (s.container().labels() != null) labels.putAll(s.container().labels());
        for (KeyValue kv : c.labels()) labels.put(kv.key(), kv.value());
        s.setContainer(s.container().withLabels(labels));
        s.addHistory(clock.entry(c.history(), false));
    }

    /**
     * Values join the expansion scope (unless an ENV of the same name is set: ENV wins) but never the image config;
     * proxy ARG values stay out of the history.
     */
    void arg(StageState s, Step.Arg c) {
        for (Step.ArgValue a : c.values()) {
            s.declaredArgs().put(a.name(), a.value());
            if (a.value() != null && !s.container().envMap().containsKey(a.name())) s.scope().put(a.name(), a.value());
        }
        s.addHistory(clock.entry(c.history(), false));
    }
}
