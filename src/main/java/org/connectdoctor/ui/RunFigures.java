package org.connectdoctor.ui;

import java.util.List;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.ui.ProbeViewModel.Point;

/**
 * A run's figures as the window shows them: the table's rows (or the failed lookup), the chart's
 * points (the latest {@link ProbeViewModel#CHART_POINTS} successes), the statistics line and the
 * elapsed time in seconds. Reads only what it is given; the live run's figures come to it from
 * the view-model's stream.
 */
final class RunFigures {

    private RunFigures() {
    }

    /** "1.2 s". */
    static String secondsText(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** The successes' times, the latest {@link ProbeViewModel#CHART_POINTS}. */
    static List<Point> pointsOf(List<Attempt> list) {
        List<Point> points = list.stream().filter(a -> a.outcome().isSuccess())
                .map(a -> new Point(a.round(), a.elapsedMillis())).toList();
        int max = ProbeViewModel.CHART_POINTS;
        return points.size() <= max ? points : points.subList(points.size() - max, points.size());
    }

    /** The table's rows of a finished run: its attempts, or the lookup that failed. */
    static List<AttemptRow> rowsOf(ProbeReport r) {
        if (r.attempts().isEmpty() && (r.outcome() == org.connectdoctor.probe.Outcome.RESOLUTION_FAILED
                || r.outcome() == org.connectdoctor.probe.Outcome.LOOKUP_TIMED_OUT)) {
            return List.of(new AttemptRow.LookupFailed(r.resolution(),
                    r.outcome() == org.connectdoctor.probe.Outcome.LOOKUP_TIMED_OUT));
        }
        return r.attempts().stream().<AttemptRow>map(AttemptRow.Done::new).toList();
    }

    /** "sent 5, ok 4, failed 1, loss 20.0%   min/avg/max/mdev …", or "" when nothing was sent. */
    static String statisticsText(ProbeReport r) {
        return statisticsText(r.statistics());
    }

    static String statisticsText(org.connectdoctor.probe.Statistics s) {
        if (s.sent() == 0) {
            return "";
        }
        String base = String.format(java.util.Locale.ROOT, "sent %d, ok %d, failed %d, loss %.1f%%", s.sent(),
                s.succeeded(), s.failed(), s.lossPercent());
        if (s.succeeded() == 0) {
            return base;
        }
        return base + String.format(java.util.Locale.ROOT, "   min/avg/max/mdev %.3f/%.3f/%.3f/%.3f ms",
                s.minNanos() / 1e6, s.avgNanos() / 1e6, s.maxNanos() / 1e6, s.mdevNanos() / 1e6);
    }
}
