package dev.kiln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Kaniko's boolean flags (pflag) take {@code --flag}, {@code --flag=true} and {@code --flag=false}; picocli's
 * plain boolean options refuse a value. Every boolean option of every kiln command gets an optional value here,
 * so kiln's flags behave the same without each annotation having to say so.
 */
final class KanikoBooleans {
    private KanikoBooleans() {}

    static void relax(CommandLine cl) {
        relax(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec() != cl.getCommandSpec()) relax(sub.getCommandSpec());
        }
    }

    private static void relax(CommandSpec spec) {
        List<OptionSpec> options = new ArrayList<>(spec.options());
        if (options.stream().noneMatch(KanikoBooleans::strictBoolean)) return;
        // re-add every option in its order, so --help keeps listing them as declared
        for (OptionSpec o : options) spec.remove(o);
        for (OptionSpec o : options) {
            spec.addOption(strictBoolean(o) ? OptionSpec.builder(o).arity("0..1").fallbackValue("true").build() : o);
        }
    }

    private static boolean strictBoolean(OptionSpec o) {
        Class<?> t = o.type();
        return (t == boolean.class || t == Boolean.class) && o.arity().max() == 0 && !o.usageHelp() && !o.versionHelp();
    }
}
