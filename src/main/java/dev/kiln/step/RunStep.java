package dev.kiln.step;

import dev.kiln.plan.BuildException;
import dev.kiln.plan.RunFailedException;
import dev.kiln.rootfs.LayerFactory;
import dev.kiln.rootfs.Snapshots;
import dev.kiln.rootfs.StageRootfs;

import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.snapshot.SnapshotMode;
import dev.kiln.fs.snapshot.SnapshotResult;
import dev.kiln.rootfs.NamespaceOwners;
import dev.kiln.run.ChrootSandbox;
import dev.kiln.run.NetworkMode;
import dev.kiln.run.NsOwner;
import dev.kiln.run.UserNamespace;
import dev.kiln.run.RunResult;
import dev.kiln.run.RunSpec;
import dev.kiln.run.Sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RUN: executes the command in the stage's rootfs through the sandbox, snapshots what changed into a layer
 * (none when nothing changed) and records BuildKit's history entry.
 */
public final class RunStep {
    private final HistoryClock clock;
    private final LayerFactory layers;
    private final RunOptions opts;
    private final EventSink events;
    private Sandbox sandbox;
    private Snapshots snapshots;

    private final RunMountSetup mountSetup;

    public RunStep(HistoryClock clock, LayerFactory layers, RunOptions opts, EventSink events) {
        this(clock, layers, opts, events, null, StageSources.NONE);
    }

    public RunStep(HistoryClock clock, LayerFactory layers, RunOptions opts, EventSink events, SourceTree context,
            StageSources stages) {
        this.mountSetup = new RunMountSetup(layers, context instanceof ContextSources cs ? cs.root() : null, stages, opts);
        this.clock = clock;
        this.layers = layers;
        this.opts = opts;
        this.events = events;
    }

    public void run(StageState s, Step.Run step) throws IOException {
        Run c = step.source();
        if (sandbox == null) {
            NonRootRuns.checkRun(c, layers.owner());
            sandbox = opts.sandbox().get();
            snapshots = new Snapshots(sandbox.isolation(), opts.snapshotMode(), layers, events);
        }
        StageRootfs rootfs = s.rootfs();
        String wd = step.workdir();
        RunMountSetup.Prepared prepared;
        try {
            prepared = mountSetup.prepare(step.mounts(), wd, s.stageIndex());
        } catch (IOException e) {
            throw BuildException.at(c.location(), e.getMessage(), e);
        }
        try (prepared) {
            RunHeredocs.Command hc = RunHeredocs.command(c, sandbox.isolation(), prepared.scratch());
            List<String> argv = step.argv(hc.command());
            run(s, c, rootfs, argv, wd, prepared, hc);
        }
    }

    private void run(StageState s, Run c, StageRootfs rootfs, List<String> argv, String wd, RunMountSetup.Prepared prepared,
                     RunHeredocs.Command hc) throws IOException {
        List<String> env = new ArrayList<>();
        s.scope().forEach((k, v) -> env.add(k + "=" + v));
        env.addAll(prepared.env());
        String where = c.location().where();

        Snapshots.Session session = snapshots.begin(rootfs);
        UserNamespace ns = sandbox instanceof ChrootSandbox cs ? cs.userNamespace() : null;
        RunResult result;
        List<NsOwner> owners = List.of();
        try {
            if (ns != null) owners = NamespaceOwners.toSet(rootfs.virtualOwnership(), session.runRoot(), ns);
            RunSpec.Builder b = RunSpec.builder(session.runRoot(), argv).owners(owners);
            prepared.mounts().forEach(b::mount);
            hc.mounts().forEach(b::mount);
            RunSpec spec = b
                    .env(env)
                    .user(s.container().user())
                    .workdir(wd)
                    .network(c.network() == null ? NetworkMode.DEFAULT : NetworkMode.parse(c.network()))
                    .stdoutLines(line -> events.emit(new Event.RunOutput(line, false)))
                    .stderrLines(line -> events.emit(new Event.RunOutput(line, true)))
                    .build();
            result = sandbox.run(spec);
        } catch (IOException | RuntimeException e) {
            session.abort();
            throw e;
        }
        if (!result.ok()) {
            session.abort();
            String process = "process " + GoFormat.quote(String.join(" ", argv));
            throw new RunFailedException(c.location(), result.startError() != null
                    ? process + " could not be started: " + result.startError() + ": exit code: " + result.exitCode()
                    : process + " did not complete successfully: exit code: " + result.exitCode(), result.exitCode());
        }
        if (result.namespaced()) {
            events.emit(Event.debug("run", where + ": user namespace: " + owners.size() + " recorded owners/modes set before the"
                    + " command, " + result.owners().size() + " paths reported after it"));
        }
        Optional<SnapshotResult> layer = result.namespaced() && ns != null
                ? session.finish(result.sandboxPaths(), result.owners(), owners, ns)
                : session.finish(result.sandboxPaths());
        String msg = "RUN " + commandString(argv, s.declaredArgs()) + " # buildkit";
        if (layer.isEmpty()) {
            s.addHistory(clock.entry(msg, false));
            events.emit(Event.debug("snapshot", where + ": RUN changed nothing, no layer"));
            return;
        }
        LayerFile lf = layer.get().layer();
        events.emit(Event.debug("snapshot", where + ": " + layer.get().stats()));
        s.addLayerFromRootfs(lf, clock.entry(msg, true));
        s.indexLater(lf);
    }

    /** BuildKit's history text: declared build args as {@code |N K=V …} before the command. */
    static String commandString(List<String> argv, Map<String, String> declaredArgs) {
        List<String> parts = new ArrayList<>();
        declaredArgs.forEach((k, v) -> { if (v != null) parts.add(k + "=" + v); });
        List<String> out = new ArrayList<>();
        if (!parts.isEmpty()) {
            out.add("|" + parts.size());
            out.addAll(parts);
        }
        out.addAll(argv);
        return String.join(" ", out);
    }
}
