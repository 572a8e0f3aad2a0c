package dev.kiln.cli;

/**
 * How a multi-platform build spreads over {@code --jobs N}: up to N/2 platforms build at once (each platform's own
 * stages, layer compression and RUNs want cores too), each with N/(platforms at once) stages at once. In-place
 * builds have one root filesystem, {@code /}: one platform and one stage at a time.
 *
 * @param atOnce     platforms building at the same time (at least 1)
 * @param stagesEach stages one platform builds at the same time (at least 1)
 */
record PlatformJobs(int atOnce, int stagesEach) {
    PlatformJobs {
        if (atOnce < 1 || stagesEach < 1) throw new IllegalArgumentException("at least one platform and one stage at once");
    }

    static PlatformJobs of(int jobs, int platforms, boolean inPlace) {
        if (inPlace) return new PlatformJobs(1, 1);
        int atOnce = Math.max(1, Math.min(platforms, jobs / 2));
        return new PlatformJobs(atOnce, Math.max(1, jobs / atOnce));
    }

    boolean concurrent() {
        return atOnce > 1;
    }
}
