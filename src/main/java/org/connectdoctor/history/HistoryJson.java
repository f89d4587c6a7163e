package org.connectdoctor.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The history as JSON for other programs: runs as they are stored ("v": 1), and comparisons. */
public final class HistoryJson {

    private HistoryJson() {
    }

    /** A JSON array of the runs, one per line, each as the history stores it. */
    public static String runs(List<RunRecord> runs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < runs.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(RecordCodec.line(runs.get(i)));
        }
        return sb.append(runs.isEmpty() ? "]" : "\n]").toString();
    }

    /** The comparison: status, summary, likely cause, changes, what could not be compared, and both runs. */
    public static String comparison(String target, Diff.Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("status", c.status().name());
        m.put("summary", c.summary());
        m.put("likelyCause", c.likelyCause());
        List<Object> changes = new ArrayList<>();
        for (Change ch : c.changes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", ch.kind().name());
            x.put("before", ch.before());
            x.put("after", ch.after());
            x.put("sentence", ch.sentence());
            changes.add(x);
        }
        m.put("changes", changes);
        m.put("notCompared", c.notCompared());
        String head = JsonLine.write(m);
        StringBuilder sb = new StringBuilder(head.substring(0, head.length() - 1));
        sb.append(",\"worked\":").append(c.worked() == null ? "null" : RecordCodec.line(c.worked()));
        sb.append(",\"now\":").append(c.now() == null ? "null" : RecordCodec.line(c.now()));
        return sb.append('}').toString();
    }
}
