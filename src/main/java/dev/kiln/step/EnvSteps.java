package dev.kiln.step;

import dev.kiln.plan.BuildArgs;
import dev.kiln.plan.WordExpander;

import dev.kiln.dockerfile.instructions.Arg;
import dev.kiln.dockerfile.instructions.ArgDef;
import dev.kiln.dockerfile.instructions.Env;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ENV, ARG and LABEL: variables and labels, no layer (BuildKit dispatchEnv/dispatchArg/dispatchLabel). */
public final class EnvSteps {
    private final WordExpander words;
    private final HistoryClock clock;

    public EnvSteps(WordExpander words, HistoryClock clock) {
        this.words = words;
        this.clock = clock;
    }

    public void env(StageState s, Env c) {
        StringBuilder msg = new StringBuilder("ENV");
        Map<String, String> env = s.container().envMap();
        // every key and value is expanded with the variables from before this instruction (BuildKit expands the
        // whole command before dispatchEnv applies it): ENV a=two b=$a gives b the old value of a
        Map<String, String> before = new java.util.HashMap<>(s.scope());
        List<String[]> assigned = new ArrayList<>();
        for (KeyValue kv : c.vars()) assigned.add(new String[] {words.expand(kv.key(), before), words.expand(kv.value(), before)});
        for (String[] kv : assigned) {
            String key = kv[0];
            String value = kv[1];
            env.put(key, value);
            s.scope().put(key, value);
            msg.append(' ').append(key).append('=').append(value);
        }
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        s.setContainer(s.container().withEnv(list));
        s.addHistory(clock.entry(msg.toString(), false));
    }

    public void label(StageState s, Label c) {
        StringBuilder msg = new StringBuilder("LABEL");
        Map<String, String> labels = new LinkedHashMap<>();
        if (s.container().labels() != null) labels.putAll(s.container().labels());
        for (KeyValue kv : c.labels()) {
            String key = words.expand(kv.key(), s.scope());
            String value = words.expand(kv.value(), s.scope());
            labels.put(key, value);
            msg.append(' ').append(key).append('=').append(value);
        }
        s.setContainer(s.container().withLabels(labels));
        s.addHistory(clock.entry(msg.toString(), false));
    }

    /**
     * A value from --build-arg wins over the default; an ARG without default inherits the global ARG of
     * the same name; defaults are expanded with the stage's variables. Values join the expansion scope
     * (unless an ENV of the same name is set: ENV wins) but never the image config; proxy ARG values stay
     * out of the history.
     */
    public void arg(StageState s, Arg c, BuildArgs args) {
        List<String> parts = new ArrayList<>();
        for (ArgDef a : c.args()) {
            String name = a.name();
            String value;
            if (args.cli().containsKey(name)) {
                value = args.cli().get(name);
            } else if (a.defaultValue() != null) {
                value = words.expand(a.defaultValue(), s.scope());
            } else {
                value = args.global().get(name);
            }
            s.declaredArgs().put(name, value);
            // ENV (the image's or the stage's) overrides an ARG of the same name
            if (value != null && !s.container().envMap().containsKey(name)) s.scope().put(name, value);
            parts.add(value == null || ProxyArgs.isProxy(name) ? name : name + "=" + value);
        }
        s.addHistory(clock.entry("ARG " + String.join(" ", parts), false));
    }
}
