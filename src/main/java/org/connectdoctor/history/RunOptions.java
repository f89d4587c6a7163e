package org.connectdoctor.history;

import java.time.Duration;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;

/**
 * The options of a run, as the form and the command line write them, so a run can be shown,
 * restored into the form and repeated.
 *
 * @param family         AUTO, IPV4, IPV6 or UNIX
 * @param timeoutMillis  the limit of each attempt
 * @param source         the source as the user wrote it, or null
 * @param broadcast      SO_BROADCAST
 * @param anySource      unconnected datagram socket
 * @param payloadHex     the datagram payload as hex digits, empty for none
 * @param count          rounds
 * @param intervalMillis the pause between rounds
 * @param allAddresses   try every resolved address
 * @param tls            a TLS handshake followed the connect (--tls)
 * @param tlsName        the name sent and checked (--tls-name), or null for the target's host
 * @param happyEyeballs  the addresses were raced (--happy-eyeballs)
 */
public record RunOptions(FamilyChoice family, long timeoutMillis, String source, boolean broadcast, boolean anySource,
                         String payloadHex, int count, long intervalMillis, boolean allAddresses, boolean tls,
                         String tlsName, boolean happyEyeballs) {

    public RunOptions {
        payloadHex = payloadHex == null ? "" : payloadHex;
        tlsName = tls ? tlsName : null;
    }

    /** Options of a run without TLS or racing. */
    public RunOptions(FamilyChoice family, long timeoutMillis, String source, boolean broadcast, boolean anySource,
                      String payloadHex, int count, long intervalMillis, boolean allAddresses) {
        this(family, timeoutMillis, source, broadcast, anySource, payloadHex, count, intervalMillis, allAddresses, false,
                null, false);
    }

    public static RunOptions of(ProbeRequest r) {
        return new RunOptions(r.family(), r.timeout().toMillis(), r.source() == null ? null : r.source().display(),
                r.broadcast(), r.anySource(), r.payload().hex(), r.count(), r.interval().toMillis(), r.allAddresses(),
                r.tls() != null, r.tls() == null ? null : givenName(r), r.happyEyeballs());
    }

    /** The TLS name when the user gave one: null when it is the target's own host, which a repeat derives again. */
    private static String givenName(ProbeRequest r) {
        String name = r.tls().serverName();
        return r.target() instanceof org.connectdoctor.probe.Target.Inet in && in.host().equalsIgnoreCase(name)
                ? null : name;
    }

    /** The request this run made, for "Run again"; the target and type come from the record. */
    public ProbeRequest request(String target, SocketType type) throws InvalidInputException {
        return ProbeRequest.builder(TargetParser.parse(target))
                .type(type)
                .family(family)
                .timeout(Duration.ofMillis(Math.max(timeoutMillis, ProbeRequest.MIN_TIMEOUT.toMillis())))
                .source(source == null ? null : SourceSpec.parse(source))
                .broadcast(broadcast)
                .anySource(anySource)
                .payload(payloadHex.isEmpty() ? null : Payload.ofHex(payloadHex))
                .count(count)
                .interval(Duration.ofMillis(intervalMillis))
                .allAddresses(allAddresses)
                .tls(tls)
                .tlsName(tlsName)
                .happyEyeballs(happyEyeballs)
                .build();
    }
}
