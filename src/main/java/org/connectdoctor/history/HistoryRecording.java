package org.connectdoctor.history;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.connectdoctor.checklist.Check;
import org.connectdoctor.checklist.CheckResult;
import org.connectdoctor.checklist.ChecklistRunner;

/**
 * Keeps every check of a run in the history, as the command line and the window both need: each
 * check is recorded with the checklist's name (the same record {@link HistoryStore#recordCheck}
 * keeps) on the worker thread that probed it, right after the probe, so where it went from is read
 * in that thread's network namespace. The listener it wraps is told first: a row is shown before
 * its disk write. A run that cannot be kept is counted, and the first reason kept, to be said once.
 */
public final class HistoryRecording implements ChecklistRunner.Listener {

    private final ChecklistRunner.Listener shown;
    private final HistoryStore store;
    private final String checklist;
    private final Consumer<RunRecord> kept;
    private final AtomicReference<String> firstProblem = new AtomicReference<>();
    private final AtomicInteger notKept = new AtomicInteger();
    private final AtomicReference<String> firstNote = new AtomicReference<>();

    /**
     * @param shown     told of each result first (the rows)
     * @param store     where the checks are kept
     * @param checklist the checklist's name, recorded with each check
     * @param kept      told of each record once it is on the disk, from the worker thread
     */
    public HistoryRecording(ChecklistRunner.Listener shown, HistoryStore store, String checklist,
                            Consumer<RunRecord> kept) {
        this.shown = Objects.requireNonNull(shown, "shown");
        this.store = Objects.requireNonNull(store, "store");
        this.checklist = Objects.requireNonNull(checklist, "checklist");
        this.kept = Objects.requireNonNull(kept, "kept");
    }

    @Override
    public void started(int index, Check check) {
        shown.started(index, check);
    }

    @Override
    public void finished(CheckResult result) {
        RunRecord run;
        try {
            // read before anything else happens on this thread: the route as the probe saw it
            run = HistoryStore.checkRun(result.report(), null, checklist);
        } catch (RuntimeException e) {
            shown.finished(result);
            problem("A check could not be added to the history " + store.file() + " (where it went from could not be read: "
                    + e + ").");
            return;
        }
        shown.finished(result);
        HistoryStore.Recorded recorded = store.record(run);
        if (!recorded.kept()) {
            problem(recorded.message());
            return;
        }
        if (recorded.message() != null) {
            firstNote.compareAndSet(null, recorded.message());
        }
        kept.accept(run);
    }

    private void problem(String why) {
        notKept.incrementAndGet();
        firstProblem.compareAndSet(null, why);
    }

    /**
     * Null when every check finished so far was kept with nothing to say; else the first reason
     * and how many were not kept, or what the history said while keeping them (a special file set
     * aside, a compaction that failed).
     */
    public String problems() {
        int n = notKept.get();
        if (n == 0) {
            return firstNote.get();
        }
        return firstProblem.get() + (n == 1 ? "" : " " + n + " checks of this run were not kept.");
    }
}
