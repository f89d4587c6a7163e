package org.connectdoctor.history;

import java.util.List;

/**
 * Where a run went from, read when it ended: the diff compares these between a success and a
 * failure.
 *
 * @param sourceAddress   the local address the connection used (getsockname), or the one the route
 *                        would pick; none for a Unix socket
 * @param sourceInterface the outgoing interface (the route's device)
 * @param gateway         the route's next hop; none when the destination is on the link
 * @param route           the route the kernel chose, as {@code ip route} writes it ("default via
 *                        10.1.2.1 dev eth0"), or how it refused ("blackhole 10.9.0.0/24")
 * @param resolvers       the name servers asked, in order
 */
public record RunContext(Fact<String> sourceAddress, Fact<String> sourceInterface, Fact<String> gateway,
                         Fact<String> route, Fact<List<String>> resolvers) {

    public RunContext {
        if (resolvers.value() != null) {
            resolvers = Fact.known(List.copyOf(resolvers.value()));
        }
    }

    /** A context nobody could read, with one reason for every fact. */
    public static RunContext unknown(String reason) {
        return new RunContext(Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason),
                Fact.unknown(reason));
    }
}
