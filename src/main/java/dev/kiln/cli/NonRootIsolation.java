package dev.kiln.cli;

import dev.kiln.dockerfile.instructions.Dockerfile;
import dev.kiln.dockerfile.instructions.Run;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.run.Isolation;

/**
 * {@code --isolation} when kiln is not root (issue 17), decided and reported ({@code -v debug}) in this one place.
 * An in-place build replaces {@code /} with each stage's filesystem and gives files the image's owners, which needs
 * root: {@code auto} never picks it (kiln's {@code :nonroot} executor image says KILN_EXECUTOR_IMAGE=1 like the others)
 * and an explicit {@code --isolation in-place} is refused before any work. A build without RUN needs no isolation at
 * all: each stage's filesystem is a directory in the work dir, its owners recorded beside it
 * ({@link dev.kiln.fs.VirtualOwnership}). RUN runs as root of a user namespace mapped to kiln's uid, in a chroot
 * ({@code auto} or {@code chroot}; {@code oci} needs root and is refused before any work when the build has a RUN);
 * where user namespaces are refused, a RUN stops the build before any work ({@link dev.kiln.step.NonRootRuns}).
 *
 * @param owner who kiln runs as; not root
 */
record NonRootIsolation(ProcessOwner owner) {
    NonRootIsolation {
        if (owner.root()) throw new IllegalArgumentException("kiln runs as root: no non-root isolation to choose");
    }

    /**
     * Whether the build replaces {@code /}: never.
     *
     * @param requested {@code --isolation}
     * @throws IllegalArgumentException for {@code --isolation in-place}, saying why and what to use instead
     */
    boolean inPlace(Isolation requested) {
        return inPlace(requested, null);
    }

    /** As {@link #inPlace(Isolation)}; also refuses {@code --isolation oci} when {@code df} (nullable) has a RUN. */
    boolean inPlace(Isolation requested, Dockerfile df) {
        if (requested == Isolation.OCI && df != null && hasRun(df)) {
            throw new IllegalArgumentException("--isolation oci needs root (runc), and kiln runs as uid " + owner.uid()
                    + " (not root): RUN runs as root of a user namespace with --isolation chroot or auto");
        }
        if (requested == Isolation.IN_PLACE) {
            throw new IllegalArgumentException("--isolation in-place needs root: it replaces / with each stage's filesystem "
                    + "and gives files the image's owners, and kiln runs as uid " + owner.uid() + " (not root). Builds "
                    + "without RUN need no isolation as any user: use --isolation auto");
        }
        return false;
    }

    /**
     * The {@code -v debug} line: the isolation a build of {@code df} gets and why.
     *
     * @param requested {@code --isolation}
     * @param picked    what {@code requested} would mean for root here (in-place in kiln's executor images)
     */
    String report(Dockerfile df, Isolation requested, Isolation picked) {
        String who = "running as uid " + owner.uid() + " gid " + owner.gid() + " (not root)";
        StringBuilder s = new StringBuilder("isolation: ");
        if (hasRun(df)) {
            s.append("chroot in a user namespace for RUN (RUN needs root or a user namespace: kiln's uid is root inside it; "
                    + "where user namespaces are refused a RUN stops the build before any work), ");
        } else {
            s.append("none needed (no RUN), ");
        }
        s.append(who).append(": each stage's filesystem is a directory in the work dir, owners kiln cannot set are recorded");
        if (requested != Isolation.AUTO) s.append("; --isolation ").append(requested.cliName()).append(" is not used");
        else if (picked == Isolation.IN_PLACE) s.append("; not in-place, which needs root");
        return s.toString();
    }

    private static boolean hasRun(Dockerfile df) {
        for (Stage st : df.stages()) {
            for (var i : st.instructions()) {
                if (i instanceof Run) return true;
            }
        }
        return false;
    }
}
