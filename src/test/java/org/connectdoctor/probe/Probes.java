package org.connectdoctor.probe;

import org.connectdoctor.net.SocketType;

/** Shortcuts for building requests in tests. */
final class Probes {
    private Probes() {
    }

    static ProbeRequest.Builder to(String target) {
        try {
            return ProbeRequest.builder(TargetParser.parse(target));
        } catch (InvalidInputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static ProbeRequest build(ProbeRequest.Builder b) {
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static ProbeRequest stream(String target) {
        return build(to(target));
    }

    static ProbeRequest of(String target, SocketType type) {
        return build(to(target).type(type));
    }
}
