package dev.kiln.cli;

import dev.kiln.event.Durations;
import dev.kiln.event.Event;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --progress tty}: a live display as buildx's, drawn only from events. Finished steps (and finished blobs, log
 * lines) are printed once, above a live area that is redrawn at most {@value #FPS} times a second with plain ANSI
 * (cursor up, erase): a header, each running step with its elapsed time and a spinner, the last lines of a running
 * RUN's output, and each blob moving with its bytes. At the end: the full output of failed steps and a summary.
 */
final class LiveDisplay implements Console {
    static final int FPS = 10;
    static final int TAIL = 5;
    private static final int MAX_KEPT = 5000;
    private static final String SPIN = "|/-\\";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String BLUE = "\u001b[34m";
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final Event.Level threshold;
    private final LogFormat format;
    private final int width;
    private final long start = System.nanoTime();
    private final Object lock = new Object();
    private final Map<String, Step> running = new LinkedHashMap<>();
    private final Map<String, Blob> blobs = new LinkedHashMap<>();
    private final List<String> pending = new ArrayList<>();
    private final List<Step> failed = new ArrayList<>();
    private int finished;
    private int drawn;
    private boolean dirty = true;
    private boolean closed;
    private Event.BuildFinished summary;
    private Thread painter;

    private LiveDisplay(PrintStream out, Event.Level threshold, LogFormat format, int width) {
        this.out = out;
        this.threshold = threshold;
        this.format = format;
        this.width = width > 20 ? width : 80;
    }

    static LiveDisplay start(PrintStream out, Event.Level threshold, LogFormat format, int columns) {
        LiveDisplay d = new LiveDisplay(out, threshold, format, columns);
        d.painter = Thread.ofPlatform().daemon().name("kiln-progress").start(d::paintLoop);
        return d;
    }

    private static final class Step {
        final String stage;
        final String label;
        final String instruction;
        final long started;
        final ArrayDeque<String> tail = new ArrayDeque<>();
        final List<String> output = new ArrayList<>();
        Duration elapsed;

        Step(String stage, String label, String instruction, long started) {
            this.stage = stage;
            this.label = label;
            this.instruction = instruction;
            this.started = started;
        }

        boolean isRun() {
            return instruction.regionMatches(true, 0, "RUN", 0, 3);
        }
    }

    private record Blob(Event.BlobProgress last, long started) { }

    @Override
    public boolean accepts(Event.Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    @Override
    public void emit(Event e) {
        synchronized (lock) {
            if (closed) {
                if (accepts(ConsoleEvents.kanikoLevel(e))) printNow(log(e.level(), ConsoleEvents.text(e)));
                return;
            }
            on(e);
            dirty = true;
        }
    }

    private void on(Event e) {
        long now = System.nanoTime();
        switch (e) {
            case Event.StepStarted s -> running.put(key(s.stage(), s.index()),
                    new Step(s.stage(), PlainProgress.step(s.stage(), s.index(), s.count()), s.instruction(), now));
            case Event.StepFinished f -> {
                Step s = running.remove(key(f.stage(), f.index()));
                finished++;
                String label = PlainProgress.step(f.stage(), f.index(), f.count());
                pending.add(right(BLUE + " => " + (f.cached() ? "CACHED " : "") + label + " " + f.instruction(), Durations.text(f.elapsed())) + RESET);
                if (s != null) s.output.clear();
            }
            case Event.StepFailed f -> {
                Step s = running.remove(key(f.stage(), f.index()));
                finished++;
                String label = PlainProgress.step(f.stage(), f.index(), f.count());
                pending.add(right(RED + " => ERROR " + label + " " + f.instruction(), Durations.text(f.elapsed())) + RESET);
                if (s != null) {
                    s.elapsed = f.elapsed();
                    failed.add(s);
                }
            }
            case Event.RunOutput r -> runOutput(r);
            case Event.BlobProgress p -> {
                String k = p.direction() + " " + p.digest() + " " + p.where();
                Blob b = blobs.get(k);
                long started = b == null ? now : b.started();
                if (p.total() > 0 && p.bytes() >= p.total()) {
                    blobs.remove(k);
                    if (p.direction() == Event.Direction.PULL) {
                        pending.add(right(BLUE + " => => pulled " + PlainProgress.shortDigest(p.digest()) + " from " + p.where() + " "
                                + Bytes.text(p.total()), Durations.text(Duration.ofNanos(now - started))) + RESET);
                    }
                } else {
                    blobs.put(k, new Blob(p, started));
                }
            }
            case Event.LayerPushed p -> pending.add(BLUE + " => => " + p.message() + RESET);
            case Event.BuildFinished b -> summary = b;
            case Event.CacheHit _, Event.CacheMiss _ -> {
                if (accepts(Event.Level.DEBUG)) pending.add(log(Event.Level.INFO, ConsoleEvents.text(e)));
            }
            case Event.Log _, Event.Warning _ -> {
                if (accepts(e.level())) pending.add(log(e.level(), e.message()));
            }
        }
    }

    /** A RUN line goes under its step: the only running RUN, or the one whose stage prefixes the line. */
    private void runOutput(Event.RunOutput r) {
        if (!accepts(Event.Level.INFO)) return;
        String line = r.line();
        Step target = null;
        for (Step s : running.values()) {
            if (!s.isRun()) continue;
            String prefix = "[" + s.stage + "] ";
            if (line.startsWith(prefix)) {
                target = s;
                line = line.substring(prefix.length());
                break;
            }
            target = target == null ? s : target;
        }
        if (target == null) {
            pending.add(line);
            return;
        }
        target.tail.addLast(line);
        if (target.tail.size() > TAIL) target.tail.removeFirst();
        if (target.output.size() < MAX_KEPT) target.output.add(line);
    }

    private String log(Event.Level level, String message) {
        return format.line(level, (System.nanoTime() - start) / 1_000_000_000L, message);
    }

    private static String key(String stage, int index) {
        return stage + "\u0000" + index;
    }

    private void paintLoop() {
        long period = 1_000_000_000L / FPS;
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(period));
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (closed) return;
                if (dirty || !running.isEmpty() || !blobs.isEmpty()) paint(true);
            }
        }
    }

    /** Erases the live area, prints what is pending once, draws the live area again (when {@code live}). */
    private void paint(boolean live) {
        StringBuilder b = new StringBuilder();
        if (drawn > 0) b.append("\u001b[").append(drawn).append('F');
        b.append("\u001b[J");
        for (String p : pending) b.append(p).append('\n');
        pending.clear();
        drawn = 0;
        if (live) {
            for (String l : liveLines()) {
                b.append(l).append(RESET).append('\n');
                drawn++;
            }
        }
        out.print(b);
        out.flush();
        dirty = false;
    }

    private List<String> liveLines() {
        long now = System.nanoTime();
        List<String> l = new ArrayList<>();
        String elapsed = Durations.text(Duration.ofNanos(now - start));
        l.add(fit("[+] Building " + elapsed + " (" + finished + " done, " + running.size() + " running)"));
        char spin = SPIN.charAt((int) ((now - start) / (1_000_000_000L / FPS) % SPIN.length()));
        for (Step s : running.values()) {
            l.add(fit(right(" " + spin + " " + s.label + " " + s.instruction, Durations.text(Duration.ofNanos(now - s.started)))));
            for (String t : s.tail) l.add(DIM + fit(" => => " + t));
        }
        for (Blob b : blobs.values()) l.add(fit(right(" => " + PlainProgress.blobLine(b.last()), Durations.text(Duration.ofNanos(now - b.started())))));
        return l;
    }

    /** A line cut to the terminal's width (a live line must never wrap, or erasing it misses a row). */
    private String fit(String s) {
        String clean = s.replace('\t', ' ').replaceAll("\\p{Cntrl}", "");
        return clean.length() >= width ? clean.substring(0, width - 1) : clean;
    }

    /** {@code left} and {@code right} at the two ends of a line of the terminal's width. */
    private String right(String left, String right) {
        int pad = width - 1 - visible(left) - right.length();
        return left + " ".repeat(Math.max(1, pad)) + right;
    }

    private static int visible(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    private void printNow(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            t = painter;
            for (Step s : failed) {
                pending.add(RED + "------ " + s.label + " " + s.instruction + " ------" + RESET);
                pending.addAll(s.output);
                pending.add(RED + "------ failed after " + Durations.text(s.elapsed) + " ------" + RESET);
            }
            Duration total = Duration.ofNanos(System.nanoTime() - start);
            if (summary != null) {
                pending.add("[+] Built in " + Durations.text(summary.elapsed()) + ": " + summary.steps() + " steps (" + summary.cached()
                        + " cached), layers " + summary.pushed() + " pushed, " + summary.mounted() + " mounted, " + summary.existed()
                        + " already there");
                pending.add("[+] Image " + summary.digest());
            } else if (finished > 0 || !running.isEmpty()) {
                pending.add(RED + "[+] Build failed after " + Durations.text(total) + " (" + finished + " steps done)" + RESET);
            }
            paint(false);
        }
        if (t != null) t.interrupt();
    }
}
