package org.connectdoctor.checklist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a profile from YAML 1.2, checks all of it, and only then returns it: a profile with any
 * problem is refused whole, with every problem's line and column ({@link ProfileException}).
 * The YAML is read as a tree of nodes with their positions (snakeyaml-engine's composer), never
 * bound to classes; values are read as text and checked by the same parsers as the command line
 * (targets, durations, source addresses, payloads), so a profile accepts what {@code probe} accepts.
 *
 * <pre>
 * name: Accounting app
 * timeout: 2s                 # default for every check (5s when absent)
 * checks:
 *   - name: database
 *     target: db01:5432
 *     expect: reachable       # reachable (default), refused or blocked
 *     tags: [db, core]
 *   - name: licence server
 *     target: lic01:27000
 *     type: dgram             # stream (default), dgram or seqpacket
 *     payload: hello          # or payload_hex: 68656c6c6f
 *   - name: portal
 *     target: portal.corp:443
 *     tls: true               # also check TLS after the connect (stream targets)
 *     tls_name: portal.corp   # the name for SNI and the certificate (default: the target's host)
 *   - name: web
 *     target: www.corp:443
 *     happy_eyeballs: true    # race IPv6 and IPv4 as browsers do (RFC 8305; stream targets)
 *   - target: /run/agent.sock
 * </pre>
 */
public final class ProfileParser {

    /** The most characters a profile may hold: ample for thousands of checks, and bounded. */
    public static final int MAX_CHARS = 1_000_000;
    /** The most checks one profile may hold. */
    public static final int MAX_CHECKS = 5_000;
    /** Deeper than this is no profile: it needs four levels. */
    static final int MAX_DEPTH = 16;
    /** The most problems reported at once; the rest are counted. */
    static final int MAX_PROBLEMS = 50;

    static final List<String> TOP_KEYS = List.of("name", "timeout", "checks");
    static final List<String> CHECK_KEYS = List.of("name", "target", "type", "timeout", "source", "payload",
            "payload_hex", "broadcast", "tags", "expect", "tls", "tls_name",
            "happy_eyeballs");
    private static final String TYPES = "stream (TCP), dgram (UDP) or seqpacket (SCTP)";
    private static final String EXPECTS = "reachable, refused or blocked";

    private final String source;
    private final List<ProfileException.Problem> problems = new ArrayList<>();
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private ProfileParser(String source) {
        this.source = source;
    }

    /**
     * Parses {@code text}; {@code source} names it in messages (a file name, "standard input").
     *
     * @throws ProfileException with every problem found, when any is
     */
    public static Profile parse(String text, String source) throws ProfileException {
        return new ProfileParser(source).read(text);
    }

    /**
     * A profile for {@code --targets db01:5432,files:445}: one stream check per target, expected
     * reachable, each named after its target.
     */
    public static Profile adHoc(String targets, Duration timeout) throws ProfileException {
        ProfileParser p = new ProfileParser("--targets");
        List<Check> checks = new ArrayList<>();
        Map<String, Boolean> names = new HashMap<>();
        int column = 1;
        for (String t : targets.split(",", -1)) {
            String name = t.strip();
            if (name.isEmpty()) {
                p.problem(0, 0, "an empty target in the list (at character " + column + "). Write targets separated "
                        + "by commas: db01:5432,files:445,/run/agent.sock.");
            } else if (names.putIfAbsent(name, Boolean.TRUE) != null) {
                p.problem(0, 0, "the target " + name + " is listed twice.");
            } else {
                try {
                    ProbeRequest r = ProbeRequest.builder(TargetParser.parse(name)).timeout(timeout).build();
                    checks.add(new Check(name, r, List.of(), Expectation.REACHABLE));
                } catch (InvalidInputException e) {
                    p.problem(0, 0, e.getMessage());
                }
            }
            column += t.length() + 1;
        }
        if (checks.size() > MAX_CHECKS) {
            p.problem(0, 0, checks.size() + " targets; a list holds at most " + MAX_CHECKS + ".");
        }
        p.finish();
        return new Profile("ad hoc", checks);
    }

    private Profile read(String text) throws ProfileException {
        if (text.length() > MAX_CHARS) {
            problem(0, 0, "the profile is " + text.length() + " characters long; a profile holds at most " + MAX_CHARS
                    + ". Split it into several.");
            finish();
        }
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                    .setCodePointLimit(MAX_CHARS + 1).build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> m = e.getProblemMark().or(e::getContextMark);
            String what = e.getProblem() == null ? "the text is not valid YAML" : e.getProblem();
            problem(m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0),
                    "not valid YAML: " + what + ".");
            finish();
            return null;
        } catch (YamlEngineException e) {
            problem(0, 0, "not valid YAML: " + e.getMessage() + ".");
            finish();
            return null;
        } catch (StackOverflowError e) {
            problem(0, 0, "the profile nests lists or mappings too deeply to be read; a profile needs three levels "
                    + "(the profile, its list of checks, each check).");
            finish();
            return null;
        }
        if (root.isEmpty()) {
            problem(0, 0, "the profile is empty. Write a name and a list of checks, e.g.\n"
                    + "  name: Accounting app\n  checks:\n    - target: db01:5432");
            finish();
        }
        anchors(root.get(), Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        finish();
        Map<String, NodeTuple> top = mapping(root.get(), "the profile", TOP_KEYS);

        String name = null;
        Duration defaultTimeout = ProbeRequest.DEFAULT_TIMEOUT;
        List<Check> checks = new ArrayList<>();
        if (top != null) {
            name = text(top, "name", "the profile's name");
            if (top.containsKey("name") && name != null && name.isBlank()) {
                problem(top.get("name").getValueNode(), "the profile's name is empty.");
            }
            if (!top.containsKey("name")) {
                problem(root.get(), "the profile has no name. Add a line such as: name: Accounting app");
            }
            Duration t = duration(top, "timeout");
            if (t != null) {
                defaultTimeout = t;
            }
            NodeTuple list = top.get("checks");
            if (list == null) {
                problem(root.get(), "the profile has no checks. Add a list such as:\n  checks:\n    - target: db01:5432");
            } else if (!(list.getValueNode() instanceof SequenceNode seq)) {
                problem(list.getValueNode(), "checks must be a list, each item starting with '- ' "
                        + "(e.g. - target: db01:5432).");
            } else if (seq.getValue().isEmpty()) {
                problem(seq, "the list of checks is empty.");
            } else if (seq.getValue().size() > MAX_CHECKS) {
                problem(seq, seq.getValue().size() + " checks; a profile holds at most " + MAX_CHECKS + ".");
            } else {
                Map<String, Node> names = new HashMap<>();
                for (Node item : seq.getValue()) {
                    Check c = check(item, defaultTimeout);
                    if (c == null) {
                        continue;
                    }
                    Node previous = names.putIfAbsent(c.name().toLowerCase(Locale.ROOT), item);
                    if (previous != null) {
                        problem(item, "the name " + quoted(c.name()) + " is used already, by the check at line "
                                + line(previous) + ". Each check needs its own name.");
                    } else {
                        checks.add(c);
                    }
                }
            }
        }
        finish();
        return new Profile(name.strip(), checks);
    }

    private Check check(Node item, Duration defaultTimeout) {
        Map<String, NodeTuple> m = mapping(item, "a check", CHECK_KEYS);
        if (m == null) {
            return null;
        }
        int before = problems.size();
        String targetText = text(m, "target", "the target");
        if (!m.containsKey("target")) {
            problem(item, "this check has no target. Add one such as: target: db01:5432");
        }
        Target target = null;
        if (targetText != null) {
            try {
                target = TargetParser.parse(targetText);
            } catch (InvalidInputException e) {
                problem(m.get("target").getValueNode(), e.getMessage());
            }
        }
        String name = text(m, "name", "the check's name");
        if (name != null && name.isBlank()) {
            problem(m.get("name").getValueNode(), "the check's name is empty; leave the line out to name it after "
                    + "its target.");
        }
        SocketType type = SocketType.STREAM;
        String typeText = text(m, "type", "the socket type");
        if (typeText != null) {
            type = SocketType.fromWord(typeText.strip());
            if (type == null) {
                problem(m.get("type").getValueNode(), quoted(typeText) + " is not a socket type. Use " + TYPES + ".");
            }
        }
        Duration timeout = duration(m, "timeout");
        SourceSpec src = null;
        String sourceText = text(m, "source", "the source address");
        if (sourceText != null) {
            try {
                src = SourceSpec.parse(sourceText);
            } catch (InvalidInputException e) {
                problem(m.get("source").getValueNode(), e.getMessage());
            }
        }
        Payload payload = null;
        if (m.containsKey("payload") && m.containsKey("payload_hex")) {
            problem(m.get("payload_hex").getKeyNode(), "payload and payload_hex both given; keep one.");
        } else {
            String p = text(m, "payload", "the payload");
            String hex = text(m, "payload_hex", "the payload");
            try {
                payload = p != null ? Payload.ofText(p) : hex != null ? Payload.ofHex(hex) : null;
            } catch (InvalidInputException e) {
                problem(m.get(p != null ? "payload" : "payload_hex").getValueNode(), e.getMessage());
            }
        }
        boolean broadcast = false;
        String b = text(m, "broadcast", "broadcast");
        if (b != null) {
            if (b.equals("true") || b.equals("false")) {
                broadcast = b.equals("true");
            } else {
                problem(m.get("broadcast").getValueNode(), quoted(b) + " is not accepted for broadcast. Write true "
                        + "or false.");
            }
        }
        boolean tls = false;
        String tlsText = text(m, "tls", "tls");
        if (tlsText != null) {
            if (tlsText.equals("true") || tlsText.equals("false")) {
                tls = tlsText.equals("true");
            } else {
                problem(m.get("tls").getValueNode(), quoted(tlsText) + " is not accepted for tls. Write true or false.");
            }
        }
        boolean happyEyeballs = false;
        String he = text(m, "happy_eyeballs", "happy_eyeballs");
        if (he != null) {
            if (he.equals("true") || he.equals("false")) {
                happyEyeballs = he.equals("true");
            } else {
                problem(m.get("happy_eyeballs").getValueNode(), quoted(he) + " is not accepted for happy_eyeballs. "
                        + "Write true or false.");
            }
        }
        String tlsName = text(m, "tls_name", "the TLS name");
        if (tlsName != null && !tls) {
            problem(m.get("tls_name").getKeyNode(), "tls_name applies with tls: true; add that line or leave this one out.");
        }
        List<String> tags = tags(m);
        Expectation expect = Expectation.REACHABLE;
        String e = text(m, "expect", "the expectation");
        if (e != null) {
            expect = Expectation.fromWord(e.strip());
            if (expect == null) {
                problem(m.get("expect").getValueNode(), quoted(e) + " is not an expectation. Use " + EXPECTS + ".");
            }
        }
        if (problems.size() > before || target == null) {
            return null;
        }
        try {
            ProbeRequest r = ProbeRequest.builder(target).type(type).timeout(timeout == null ? defaultTimeout : timeout)
                    .source(src).broadcast(broadcast).payload(payload).tls(tls).tlsName(tls ? tlsName : null).happyEyeballs(happyEyeballs).build();
            return new Check(name == null ? targetText.strip() : name.strip(), r, tags, expect);
        } catch (InvalidInputException x) {
            problem(item, x.getMessage());
            return null;
        }
    }

    private List<String> tags(Map<String, NodeTuple> m) {
        NodeTuple t = m.get("tags");
        if (t == null) {
            return List.of();
        }
        List<Node> items = new ArrayList<>();
        if (t.getValueNode() instanceof SequenceNode seq) {
            items.addAll(seq.getValue());
        } else {
            items.add(t.getValueNode());
        }
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            if (!(n instanceof ScalarNode s) || !used(n)) {
                problem(n, "a tag is a word; write tags as [db, core] or one word.");
            } else if (!s.getValue().strip().matches("[\\p{L}\\p{N}_.-]{1,40}")) {
                problem(n, quoted(s.getValue()) + " is not a tag. A tag is one word of letters, digits, '-', '_' or "
                        + "'.', at most 40 characters.");
            } else if (!out.contains(s.getValue().strip().toLowerCase(Locale.ROOT))) {
                out.add(s.getValue().strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private Duration duration(Map<String, NodeTuple> m, String key) {
        String t = text(m, key, "the timeout");
        if (t == null) {
            return null;
        }
        try {
            return Durations.parse(t, "timeout", ProbeRequest.MIN_TIMEOUT, ProbeRequest.MAX_TIMEOUT);
        } catch (InvalidInputException e) {
            problem(m.get(key).getValueNode(), e.getMessage());
            return null;
        }
    }

    /** The keys of a mapping node, each checked against {@code accepted}; null when it is no mapping. */
    private Map<String, NodeTuple> mapping(Node node, String what, List<String> accepted) {
        if (!used(node)) {
            problem(node, what + " repeats an earlier part through an alias (*name); write it out instead.");
            return null;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, what + " must be a set of key: value lines (" + String.join(", ", accepted) + ").");
            return null;
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), "a key must be a plain word: " + String.join(", ", accepted) + ".");
                continue;
            }
            String key = k.getValue();
            if (!accepted.contains(key)) {
                problem(k, quoted(key) + " is not a key of " + what + ". Accepted: " + String.join(", ", accepted)
                        + suggestion(key, accepted) + ".");
            } else if (out.putIfAbsent(key, t) != null) {
                problem(k, key + " is given twice in " + what + ".");
            }
        }
        return out;
    }

    private static String suggestion(String key, List<String> accepted) {
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_').strip();
        for (String a : accepted) {
            if (a.equals(k) || (k.length() > 3 && (a.startsWith(k) || k.startsWith(a)))) {
                return " (did you mean " + a + "?)";
            }
        }
        return "";
    }

    /** A scalar's text, or null (absent, or not a scalar: then a problem is noted). */
    private String text(Map<String, NodeTuple> m, String key, String what) {
        NodeTuple t = m.get(key);
        if (t == null) {
            return null;
        }
        Node v = t.getValueNode();
        if (!used(v) || !(v instanceof ScalarNode s)) {
            problem(v, what + " (" + key + ") must be a single value on its line, not a list or a block of keys.");
            return null;
        }
        return s.getValue();
    }

    /**
     * Anchors and aliases let one line stand for thousands (and a node contain itself): a
     * profile is written out, so each anchor is a problem, at its place. Walked before anything
     * else; a node met twice is not walked again.
     */
    private void anchors(Node n, Set<Node> walked, int depth) {
        if (!walked.add(n)) {
            return;
        }
        if (depth > MAX_DEPTH) {
            problem(n, "nested more than " + MAX_DEPTH + " levels deep; a profile needs three (the profile, its list "
                    + "of checks, each check) and one more for tags.");
            return;
        }
        n.getAnchor().ifPresent(a -> problem(n, "the anchor &" + a.getValue() + " is not accepted: a profile "
                + "writes each check out, without anchors (&name) or aliases (*name)."));
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                anchors(t.getKeyNode(), walked, depth + 1);
                anchors(t.getValueNode(), walked, depth + 1);
            }
        } else if (n instanceof SequenceNode q) {
            for (Node c : q.getValue()) {
                anchors(c, walked, depth + 1);
            }
        }
    }

    /** False when this node object was met before: the profile reuses it through an alias. */
    private boolean used(Node n) {
        return seen.add(n);
    }

    private void problem(Node at, String message) {
        Optional<Mark> m = at.getStartMark();
        problem(m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0), message);
    }

    private void problem(int line, int column, String message) {
        problems.add(new ProfileException.Problem(line, column, message));
    }

    private static int line(Node n) {
        return n.getStartMark().map(x -> x.getLine() + 1).orElse(0);
    }

    private static String quoted(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "\u2026" : s;
        StringBuilder sb = new StringBuilder("\"");
        shown.codePoints().forEach(c -> sb.append(Character.isISOControl(c) ? String.format("U+%04X", c)
                : new String(Character.toChars(c))));
        return sb.append('"').toString();
    }

    private void finish() throws ProfileException {
        if (problems.isEmpty()) {
            return;
        }
        List<ProfileException.Problem> shown = new ArrayList<>(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
        if (problems.size() > MAX_PROBLEMS) {
            shown.add(new ProfileException.Problem(0, 0, (problems.size() - MAX_PROBLEMS) + " more problems not shown."));
        }
        throw new ProfileException(source, shown);
    }
}
