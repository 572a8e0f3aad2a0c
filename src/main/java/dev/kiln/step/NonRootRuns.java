package dev.kiln.step;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.plan.BuildException;
import dev.kiln.run.HostTools;
import dev.kiln.run.UserNamespaces;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * RUN when kiln is not root: checked once, before any work (no base pulled, nothing built). Builds without RUN need
 * no root at all (owners are recorded, see {@link dev.kiln.fs.VirtualOwnership}); a RUN needs root or a user
 * namespace (RUN then runs as root of a user namespace mapped to kiln's uid, see {@link dev.kiln.run.UserNamespace}).
 * Where user namespaces are refused, a planned RUN fails here naming its line and the ways out.
 */
public final class NonRootRuns {
    private NonRootRuns() {}

    /** As below, probing this machine's user namespaces ({@link UserNamespaces}) only when a RUN is planned. */
    public static void check(List<Stage> stages, ProcessOwner owner) {
        check(stages, owner, () -> UserNamespaces.whyRefused(HostTools.standard()));
    }

    /**
     * @param stages         the stages the build will run (unused stages are not checked)
     * @param whyNoUserns    why user namespaces are refused (empty: they are allowed); asked only when a RUN is planned
     */
    public static void check(List<Stage> stages, ProcessOwner owner, Supplier<Optional<String>> whyNoUserns) {
        if (owner.root()) return;
        Optional<String> why = null;
        for (Stage st : stages) {
            for (Instruction i : st.instructions()) {
                if (!(i instanceof Run r)) continue;
                if (why == null) why = whyNoUserns.get();
                if (why.isEmpty()) return;
                throw BuildException.at(r.location(), message(owner, why.get()));
            }
        }
    }

    /**
     * The same refusal for one RUN about to execute: a RUN the plan did not show (an ONBUILD trigger of a base
     * image) still fails with the message, before its rootfs is made.
     */
    static void checkRun(Run r, ProcessOwner owner) {
        if (owner.root()) return;
        UserNamespaces.whyRefused(HostTools.standard()).ifPresent(why -> {
            throw BuildException.at(r.location(), message(owner, why));
        });
    }

    static String message(ProcessOwner owner, String whyNoUserns) {
        return "RUN needs root or a user namespace: kiln runs as uid " + owner.uid() + " (not root) and " + whyNoUserns
                + "; builds without RUN work as any user. Ways out: run kiln in a userns-enabled pod (spec.hostUsers: false),"
                + " or run kiln as root (runAsUser: 0)";
    }
}
