package org.connectdoctor.history;

import java.time.Instant;
import java.util.List;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Outcome;

/** Records built by hand for the pure tests: every field set the way a real run sets it. */
final class Runs {
    private Runs() {
    }

    static RunOptions options(long timeoutMillis) {
        return new RunOptions(FamilyChoice.AUTO, timeoutMillis, null, false, false, "", 1, 1000, false);
    }

    static RunContext context(String device, String source, String gateway, String route, List<String> resolvers) {
        return new RunContext(Fact.known(source), Fact.known(device),
                gateway == null ? Fact.none() : Fact.known(gateway), Fact.known(route), Fact.known(resolvers));
    }

    static RunRecord run(Instant time, String target, Outcome outcome, String errno, List<String> resolved,
                         RunContext context, long timeoutMillis) {
        return new RunRecord(RunRecord.newId(time), time, "probe", null, target, SocketType.STREAM,
                options(timeoutMillis), outcome, target + " " + outcome, errno,
                errno == null ? null : 111, errno == null ? null : "connect",
                resolved.isEmpty() ? null : resolved.get(0) + ":5432", resolved, null, context,
                List.of("finding about " + target), "report of " + target + "\nline two\n", 1.5);
    }
}
