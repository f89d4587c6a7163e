package org.connectdoctor.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Outcome;

/**
 * A {@link RunRecord} as one line of JSON ("v": 1) and back. Reading checks every field's type;
 * a line written by a later version with fields this one does not know still reads.
 */
final class RecordCodec {

    static final int VERSION = 1;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-30T00:00:00Z");

    /** A line of a later format version: not this version's to read, and kept as it is. */
    static final class NewerFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final long version;

        NewerFormatException(long version) {
            super("it is format version " + version + "; this version reads " + VERSION);
            this.version = version;
        }

        long version() {
            return version;
        }
    }

    private RecordCodec() {
    }

    static String line(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", VERSION);
        m.put("id", r.id());
        m.put("time", r.time().toString());
        m.put("kind", r.kind());
        m.put("checklist", r.checklist());
        m.put("target", r.target());
        m.put("type", r.type().cliName());
        Map<String, Object> o = new LinkedHashMap<>();
        RunOptions op = r.options();
        o.put("family", op.family().name());
        o.put("timeoutMs", op.timeoutMillis());
        o.put("source", op.source());
        o.put("broadcast", op.broadcast());
        o.put("anySource", op.anySource());
        o.put("payloadHex", op.payloadHex());
        o.put("count", op.count());
        o.put("intervalMs", op.intervalMillis());
        o.put("allAddresses", op.allAddresses());
        // added after version 1 first shipped: absent in earlier lines, which read as off
        o.put("tls", op.tls());
        o.put("tlsName", op.tlsName());
        o.put("happyEyeballs", op.happyEyeballs());
        m.put("options", o);
        m.put("outcome", r.outcome().name());
        m.put("tlsVerdict", r.tlsVerdict() == null ? null : r.tlsVerdict().name());
        m.put("verdict", r.verdict());
        m.put("errno", r.errno());
        m.put("errnoNumber", r.errnoNumber());
        m.put("failedCall", r.failedCall());
        m.put("address", r.address());
        m.put("resolved", r.resolved());
        m.put("resolveError", r.resolveError());
        Map<String, Object> c = new LinkedHashMap<>();
        RunContext x = r.context();
        c.put("sourceAddress", fact(x.sourceAddress()));
        c.put("sourceInterface", fact(x.sourceInterface()));
        c.put("gateway", fact(x.gateway()));
        c.put("route", fact(x.route()));
        c.put("resolvers", fact(x.resolvers()));
        // added after version 1 first shipped; readers that do not know them skip them
        c.put("vpnInterfaces", fact(x.vpnInterfaces()));
        c.put("interfaceKind", fact(x.interfaceKind()));
        c.put("addressSource", fact(x.addressSource()));
        c.put("addressFrom", fact(x.addressFrom()));
        c.put("proxy", fact(x.proxy()));
        c.put("tlsIssuer", fact(x.tlsIssuer()));
        c.put("ipv6", fact(x.ipv6()));
        c.put("firewall", fact(x.firewall()));
        m.put("context", c);
        m.put("findings", r.findings());
        m.put("elapsedMs", r.elapsedMillis());
        m.put("report", r.report());
        return JsonLine.write(m);
    }

    private static Map<String, Object> fact(Fact<?> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (f.isKnown()) {
            m.put("value", f.value());
        } else {
            m.put("unknown", f.unknown());
        }
        return m;
    }

    /** The record on {@code line}; IllegalArgumentException says what is wrong with it. */
    static RunRecord parse(String line) {
        if (!(JsonLine.read(line) instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("the line is not a JSON object");
        }
        Map<?, ?> m = raw;
        long v = number(m, "v");
        if (v > VERSION) {
            throw new NewerFormatException(v);
        }
        if (v != VERSION) {
            throw new IllegalArgumentException("it is format version " + v + "; this version reads " + VERSION);
        }
        Map<?, ?> o = map(m, "options");
        Map<?, ?> c = map(m, "context");
        SocketType type = SocketType.fromWord(string(m, "type", false));
        if (type == null) {
            throw new IllegalArgumentException("\"type\" is not a socket type");
        }
        RunOptions options = new RunOptions(enumValue(FamilyChoice.class, string(o, "family", false)),
                number(o, "timeoutMs"), string(o, "source", true), bool(o, "broadcast"), bool(o, "anySource"),
                string(o, "payloadHex", true), (int) number(o, "count"), number(o, "intervalMs"),
                bool(o, "allAddresses"), o.containsKey("tls") && bool(o, "tls"), string(o, "tlsName", true),
                o.containsKey("happyEyeballs") && bool(o, "happyEyeballs"));
        RunContext context = new RunContext(stringFact(c, "sourceAddress"), stringFact(c, "sourceInterface"),
                stringFact(c, "gateway"), stringFact(c, "route"), listFact(c, "resolvers"),
                optional(c, "vpnInterfaces", RecordCodec::listFact), optional(c, "interfaceKind", RecordCodec::stringFact),
                optional(c, "addressSource", RecordCodec::stringFact), optional(c, "addressFrom", RecordCodec::stringFact),
                optional(c, "proxy", RecordCodec::stringFact), optional(c, "tlsIssuer", RecordCodec::stringFact),
                optional(c, "ipv6", RecordCodec::stringFact), optional(c, "firewall", RecordCodec::stringFact));
        Instant time;
        try {
            time = Instant.parse(string(m, "time", false));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"time\" is not an instant");
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            // a valid instant of the year 1000000000 cannot be shown in any time zone
            throw new IllegalArgumentException("\"time\" " + time + " is outside the years 1900 to 9999");
        }
        if (options.timeoutMillis() < 0 || options.intervalMillis() < 0 || options.count() < 0) {
            throw new IllegalArgumentException("\"options\" holds a negative limit, interval or count");
        }
        Object n = m.get("errnoNumber");
        if (n != null && !(n instanceof Long)) {
            throw new IllegalArgumentException("\"errnoNumber\" is not a whole number");
        }
        Object elapsed = m.get("elapsedMs");
        double elapsedMillis = elapsed instanceof Number num ? num.doubleValue() : 0;
        if (!(elapsedMillis >= 0 && elapsedMillis < 1e12)) {
            throw new IllegalArgumentException("\"elapsedMs\" is not a time a run can take");
        }
        return new RunRecord(string(m, "id", false), time, string(m, "kind", false), string(m, "checklist", true),
                string(m, "target", false), type, options, enumValue(Outcome.class, string(m, "outcome", false)),
                string(m, "verdict", true), string(m, "errno", true), n == null ? null : (int) (long) (Long) n,
                string(m, "failedCall", true), string(m, "address", true), strings(m, "resolved"),
                string(m, "resolveError", true), context, strings(m, "findings"), string(m, "report", true),
                elapsedMillis, m.get("tlsVerdict") == null ? null
                        : enumValue(org.connectdoctor.tls.TlsVerdict.class, string(m, "tlsVerdict", false)));
    }

    private static Map<?, ?> map(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Map<?, ?> x) {
            return x;
        }
        throw new IllegalArgumentException("\"" + key + "\" is missing or not an object");
    }

    private static String string(Map<?, ?> m, String key, boolean nullable) {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v == null && nullable) {
            return null;
        }
        throw new IllegalArgumentException("\"" + key + "\" is missing or not a string");
    }

    private static long number(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("\"" + key + "\" is missing or not a whole number");
    }

    private static boolean bool(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("\"" + key + "\" is missing or not true/false");
    }

    private static List<String> strings(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a list");
        }
        List<String> out = new ArrayList<>();
        for (Object e : l) {
            if (!(e instanceof String s)) {
                throw new IllegalArgumentException("\"" + key + "\" holds something other than text");
            }
            out.add(s);
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a known " + type.getSimpleName());
        }
    }

    /**
     * A context fact added after version 1 first shipped: unknown (not recorded) when a line of an
     * earlier version lacks it; like any other fact when present.
     */
    private static <T> Fact<T> optional(Map<?, ?> c, String key, java.util.function.BiFunction<Map<?, ?>, String, Fact<T>> read) {
        return c.containsKey(key) ? read.apply(c, key) : Fact.unknown(RunContext.NOT_RECORDED);
    }

    private static Fact<String> stringFact(Map<?, ?> c, String key) {
        Map<?, ?> f = map(c, key);
        if (f.containsKey("unknown")) {
            return Fact.unknown(string(f, "unknown", false));
        }
        return new Fact<>(string(f, "value", true), null);
    }

    private static Fact<List<String>> listFact(Map<?, ?> c, String key) {
        Map<?, ?> f = map(c, key);
        if (f.containsKey("unknown")) {
            return Fact.unknown(string(f, "unknown", false));
        }
        return f.get("value") == null ? Fact.none() : Fact.known(strings(f, "value"));
    }
}
