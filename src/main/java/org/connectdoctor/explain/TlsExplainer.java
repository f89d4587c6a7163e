package org.connectdoctor.explain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.net.Os;
import org.connectdoctor.tls.CertificateInfo;
import org.connectdoctor.tls.SegmentRetry;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;
import org.connectdoctor.tls.TrustResult;

/**
 * The explanation of a {@link TlsCheck}: one per verdict, with the check's own facts filled in and
 * the steps written for one operating system. Reads nothing of this computer beyond the check.
 */
public final class TlsExplainer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** A clock wrong by at least this much is named as the likely cause of a date failure. */
    static final Duration CLOCK_DAYS = Duration.ofDays(1);

    private TlsExplainer() {
    }

    public static String when(Instant t) {
        return WHEN.format(t);
    }

    /**
     * As {@link #explain(TlsCheck, Os)}, and where this computer's own connectivity check sees a
     * captive portal (read from {@code host}) and the certificate for an address on the internet was
     * for another name or untrusted: the portal is the likely cause, its sign-in the first step.
     * Reads the host state: call it off the window's thread.
     */
    public static TlsExplanation explain(TlsCheck t, Os os, org.connectdoctor.sys.HostState host) {
        TlsExplanation e = explain(t, os);
        String portal = host == null ? null : ConnectivityCheck.tlsPortal(t, host);
        if (portal == null) {
            return e;
        }
        List<String> findings = new ArrayList<>();
        findings.add(portal);
        findings.addAll(e.findings());
        List<String> steps = new ArrayList<>();
        steps.add("Open a web browser at any http:// address (http://example.com/, not an https:// one): the network "
                + "answers with its sign-in page. Sign in or accept its terms, then check again; the server's own "
                + "certificate then comes through.");
        steps.addAll(e.steps());
        return new TlsExplanation(e.verdict(), e.headline(), "The certificate that came back is probably not the "
                + "server's: this network needs a sign-in in a browser (captive portal) and answers in the server's "
                + "place until then; the system's own check says so.", Fault.NETWORK, findings, steps);
    }

    public static TlsExplanation explain(TlsCheck t, Os os) {
        List<String> findings = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String where = hostPort(t);
        String name = t.serverName();
        trustFindings(t, findings);
        return switch (t.verdict()) {
            case OK -> {
                steps.add("Nothing to fix in TLS: a Java program that uses " + javaStoreWords(t) + " connects. If an "
                        + "application still fails, it uses another trust store or other TLS settings than these; "
                        + "compare them with this result.");
                yield new TlsExplanation(t.verdict(), "TLS works with " + where + ": " + t.protocol() + ", "
                        + t.cipherSuite() + "; the certificate for " + name + " is valid, carries the name and is "
                        + "trusted by Java.", "The handshake completed and the certificate passed every check.",
                        Fault.NONE, findings, steps);
            }
            case INSPECTED -> {
                findings.add("The chain names " + t.inspection().matched() + ", which belongs to "
                        + t.inspection().product() + " (" + t.inspection().source() + ").");
                steps.add("Ask the help desk or the security team whether " + t.inspection().product()
                        + " is meant to inspect traffic to " + name + ". If not, they add " + name
                        + " to its do-not-decrypt (bypass) list, and the server's own certificate comes through.");
                importSteps(t, os, steps, t.inspection().product() + "'s root");
                yield new TlsExplanation(t.verdict(), "The connection to " + where + " is inspected: the certificate "
                        + "was issued by " + t.inspection().product() + ", not by the server's own authority.",
                        "A TLS-inspecting security product between this computer and the server decrypts the "
                                + "connection and presents a certificate of its own, signed by its root. Browsers work "
                                + "when that root is in the operating system's store; Java programs fail with \"PKIX "
                                + "path building failed\" until the root is in their own trust store.",
                        Fault.NETWORK, findings, steps);
            }
            case EXPIRED, NOT_YET_VALID -> dates(t, os, findings, steps);
            case NAME_MISMATCH -> {
                List<String> names = t.certificateNames();
                findings.add("The certificate carries: " + (names.isEmpty() ? "no name at all" : String.join(", ", names))
                        + ".");
                steps.add("Connect with a name the certificate carries" + (names.isEmpty() ? "" : " (" + names.get(0) + ")")
                        + "; check that name first with --tls-name NAME.");
                steps.add("If " + name + " is the right name, the server's administrator adds it to the certificate's "
                        + "subject alternative names, or, where one address serves several sites, makes the server "
                        + "choose its certificate by the name sent (SNI): a server that does not know " + name
                        + " answers with its default certificate.");
                yield new TlsExplanation(t.verdict(), "The certificate of " + where + " is not for " + name + ": it is for "
                        + (names.isEmpty() ? "no name" : String.join(", ", names)) + ".",
                        "The server proved it holds a certificate, but not one for the name this computer asked for. "
                                + "Every TLS client refuses such a connection, because anyone could present a "
                                + "certificate for another name.", Fault.REMOTE_SERVICE, findings, steps);
            }
            case TRUSTED_BY_OS_NOT_JAVA -> {
                String anchor = t.systemTrust().map(TrustResult::anchor).orElse("?");
                steps.add("The authority " + anchor + " is most often a company's own root or the root of a TLS-inspecting "
                        + "proxy or antivirus; the help desk knows which. A browser works, a Java program does not.");
                importSteps(t, os, steps, "that root");
                if (os == Os.WINDOWS) {
                    steps.add("A Java program can also use the Windows store directly: start it with "
                            + "-Djavax.net.ssl.trustStoreType=Windows-ROOT.");
                }
                yield new TlsExplanation(t.verdict(), "The operating system trusts the issuer of " + where
                        + "'s certificate (" + anchor + "), Java does not: Java programs fail here while browsers work.",
                        "The chain ends at an authority that this computer's own store holds but the Java runtime's "
                                + "trust store does not. Java programs do not read the operating system's store unless "
                                + "told to; they fail with \"PKIX path building failed\".",
                        Fault.THIS_COMPUTER, findings, steps);
            }
            case SELF_SIGNED -> {
                CertificateInfo leaf = t.leaf().orElseThrow();
                findings.add("SHA-256 fingerprint of the certificate: " + leaf.sha256() + ".");
                steps.add("If this is a test or internal server, compare the fingerprint above with the one its "
                        + "administrator reads on the server, then trust that certificate explicitly in the program "
                        + "that connects (" + keytool("server.pem", "server") + ").");
                steps.add("Otherwise the server's administrator installs a certificate issued by an authority the "
                        + "clients trust.");
                yield new TlsExplanation(t.verdict(), where + " presented a self-signed certificate (" + leaf.subject()
                        + "), which no consulted trust store holds.",
                        "Nobody vouches for a self-signed certificate but the server itself, so no client can tell it "
                                + "from an impostor's unless told to trust exactly that certificate.",
                        Fault.REMOTE_SERVICE, findings, steps);
            }
            case UNTRUSTED_ISSUER -> {
                CertificateInfo top = t.chain().get(t.chain().size() - 1);
                if (t.chain().size() == 1) {
                    findings.add("The server sent only its own certificate, no intermediate: servers must send the "
                            + "intermediates between their certificate and a root.");
                }
                steps.add("If the chain should end at a public authority, the server's administrator configures the "
                        + "full chain (the certificate and its intermediates) on the server.");
                steps.add("If " + top.issuer() + " is a company's own authority, get its root from the help desk and "
                        + "trust it: " + keytool("root.pem", "company-root") + ".");
                yield new TlsExplanation(t.verdict(), "No trust store consulted holds the authority behind " + where
                        + "'s certificate (issued by " + top.issuer() + ").",
                        "The chain the server sent does not lead to any authority that Java or this computer trusts.",
                        Fault.REMOTE_SERVICE, findings, steps);
            }
            case PROTOCOL_MISMATCH -> {
                String said = t.alert() != null ? "the server answered with the alert " + t.alert().name() + " ("
                        + t.alert().description() + ")" : t.serverVersion() != null ? "the server chose "
                        + t.serverVersion() + ", which this computer does not accept" : "the handshake failed: "
                        + t.failure();
                if (t.failure() != null) {
                    findings.add("This computer's TLS library said: " + t.failure());
                }
                if (t.followUp() != null) {
                    findings.add(t.followUp().words());
                }
                steps.add("The server's administrator enables TLS 1.2 or 1.3 (and current cipher suites); TLS 1.0 and "
                        + "1.1 are disabled in current Java, browsers and curl.");
                steps.add("To learn what the server accepts, try one old version at a time: openssl s_client -connect "
                        + where + " -tls1_1 (or -tls1). OpenSSL builds may refuse old versions themselves.");
                steps.add("Only as a stopgap for one program: re-enable the old version in that program's Java "
                        + "(jdk.tls.disabledAlgorithms in its java.security), knowing that it weakens every connection "
                        + "the program makes.");
                yield new TlsExplanation(t.verdict(), "The server " + where + " does not accept the TLS versions or "
                        + "cipher suites this computer offers (TLS 1.3 and 1.2): " + said + ".",
                        "Both ends must share a protocol version and a cipher suite. This server speaks only versions "
                                + "or suites that current clients no longer offer, or demands ones they do not have.",
                        Fault.REMOTE_SERVICE, findings, steps);
            }
            case PLAIN_TEXT -> plainText(t, findings, steps);
            case CLOSED_DURING_HANDSHAKE, RESET_DURING_HANDSHAKE -> {
                boolean reset = t.verdict() == TlsVerdict.RESET_DURING_HANDSHAKE;
                if (t.failure() != null) {
                    findings.add("The socket reported: " + t.failure() + ".");
                }
                findings.add("The server sent " + t.bytesReceived() + " bytes before it " + (reset ? "reset" : "closed")
                        + " the connection.");
                steps.add("Check that " + where + " is a TLS port: a service that speaks another protocol often hangs "
                        + "up on a ClientHello.");
                steps.add("A firewall or proxy that filters TLS by the name sent (SNI) " + (reset ? "resets" : "closes")
                        + " connections to names it blocks: try the same from another network, or with another "
                        + "name (--tls-name), and ask the network team.");
                yield new TlsExplanation(t.verdict(), "The server " + where + " " + (reset ? "reset" : "closed")
                        + " the connection during the TLS handshake, without a TLS answer.",
                        "The connection was made, but after this computer's ClientHello the other end "
                                + (reset ? "sent a reset" : "hung up") + " instead of a ServerHello: a service that "
                                + "does not speak TLS, or something on the way that ends TLS connections.",
                        Fault.REMOTE_SERVICE, findings, steps);
            }
            case MTU_BLACK_HOLE -> mtuBlackHole(t, os, where, findings, steps);
            case NO_ANSWER, STALLED -> {
                boolean none = t.verdict() == TlsVerdict.NO_ANSWER;
                String limit = seconds(t.limitNanos());
                if (!none) {
                    findings.add("The server sent " + t.bytesReceived() + " bytes, then nothing more within " + limit + ".");
                }
                SegmentRetry retry = t.segmentRetry();
                if (retry != null) {
                    findings.add(retry.words());
                }
                if (retry != null && retry.notTried() != null) {
                    steps.add("Test for an MTU black hole by hand: " + dontFragmentPing(os, t.address())
                            + " sends full-size packets that may not be split; when it gets no reply and the same with "
                            + (os == Os.WINDOWS ? "-l" : "-s") + " 1200 does, large packets are lost on the way (a "
                            + "host that answers no ping at all shows nothing).");
                }
                steps.add("Check that " + where + " is a TLS port: a service of another protocol waits in silence for "
                        + "a request of its own.");
                if (retry == null || retry.outcome() == null) {
                    steps.add((none ? "A device on the way that swallows TLS, or " : "")
                            + "a path that drops large packets (an MTU black hole, often over a VPN) stalls a handshake "
                            + "whose certificates fill full-size packets: try from another network or without the VPN.");
                } else if (none) {
                    steps.add("A device on the way that swallows TLS also gives this silence: try from another "
                            + "network or without the VPN.");
                }
                steps.add("Retry with a longer limit (--timeout) to tell a slow server from a silent one.");
                yield new TlsExplanation(t.verdict(), none ? "The server " + where + " accepted the connection but "
                        + "sent nothing in answer to the ClientHello within " + limit + "."
                        : "The server " + where + " began the TLS handshake, then stopped within " + limit + ".",
                        none ? "The connect worked; the TLS handshake did not start, because no ServerHello came."
                                : "Part of the server's answer arrived and the rest never did.",
                        Fault.NETWORK, findings, steps);
            }
            case HANDSHAKE_FAILED -> {
                if (t.alert() != null) {
                    findings.add("The server sent the alert " + t.alert().name() + " (" + t.alert().description() + ").");
                }
                if (t.failure() != null) {
                    findings.add("This computer's TLS library said: " + t.failure());
                }
                steps.add("Run the openssl line below and compare: it shows the server's side of the handshake.");
                steps.add("Give the alert and the text above to the server's administrator.");
                yield new TlsExplanation(t.verdict(), "The TLS handshake with " + where + " failed"
                        + (t.alert() != null ? ": the server sent the alert " + t.alert().name() : "") + ".",
                        "The two ends could not complete the handshake for a reason other than a version, a date, "
                                + "a name or trust.", Fault.REMOTE_SERVICE, findings, steps);
            }
            case CANCELLED -> {
                steps.add("Run the check again to see how it ends.");
                yield new TlsExplanation(t.verdict(), "The TLS check of " + where + " was cancelled during the handshake.",
                        "The check was stopped before the handshake ended.", Fault.NONE, findings, steps);
            }
        };
    }

    private static TlsExplanation dates(TlsCheck t, Os os, List<String> findings, List<String> steps) {
        boolean expired = t.verdict() == TlsVerdict.EXPIRED;
        CertificateInfo c = t.outOfValidity().orElseThrow();
        boolean leaf = c.equals(t.chain().get(0));
        Duration gap = expired ? Duration.between(c.notAfter(), t.clock()) : Duration.between(t.clock(), c.notBefore());
        String what = leaf ? "The server's certificate" : "The certificate " + c.subject() + " in its chain";
        findings.add(what + " is valid from " + when(c.notBefore()) + " to " + when(c.notAfter()) + ".");
        findings.add("This computer's clock read " + when(t.clock()) + " during the check.");
        boolean clockLikely = !expired && gap.compareTo(CLOCK_DAYS) >= 0;
        String clockStep = "Compare this computer's date and time with another device's (a phone). When they differ "
                + "by days, the clock is the cause: correct it" + switch (os == null ? Os.LINUX : os) {
                    case WINDOWS -> " (Settings > Time & language > Set time automatically; or w32tm /resync)";
                    case MACOS -> " (System Settings > General > Date & Time > Set automatically)";
                    case LINUX -> " (timedatectl set-ntp true; timedatectl status shows the result)";
                } + " and try again.";
        if (clockLikely) {
            steps.add(clockStep);
            steps.add("If the clock is right, the server's administrator fixes the certificate's start date.");
        } else if (expired) {
            steps.add("If this computer's clock is right, the server's administrator renews the certificate: it ran "
                    + "out " + days(gap) + " ago.");
            steps.add(clockStep + " A clock wrong by days would explain this too, and then other secure sites fail "
                    + "as well.");
        } else {
            steps.add("The certificate starts " + days(gap) + " after this computer's clock: a certificate put to use "
                    + "right after it was issued, or a clock a little behind.");
            steps.add(clockStep);
        }
        String headline = expired
                ? what + " for " + hostPort(t) + " expired on " + when(c.notAfter()) + ", " + days(gap)
                        + " before this computer's clock (" + when(t.clock()) + ")."
                : what + " for " + hostPort(t) + " is valid only from " + when(c.notBefore()) + ", " + days(gap)
                        + " after this computer's clock (" + when(t.clock()) + ")"
                        + (clockLikely ? ": this computer's clock is probably wrong." : ".");
        return new TlsExplanation(t.verdict(), headline, expired
                ? "A certificate is only valid between two dates, judged by the client's clock. Either the "
                        + "certificate ran out, or this computer's clock runs ahead."
                : "A certificate is only valid between two dates, judged by the client's clock. Certificates are "
                        + "used as soon as they are issued, so one that starts days after this computer's clock "
                        + "means the clock is behind.",
                clockLikely ? Fault.THIS_COMPUTER : Fault.REMOTE_SERVICE, findings, steps);
    }

    private static TlsExplanation plainText(TlsCheck t, List<String> findings, List<String> steps) {
        String where = hostPort(t);
        findings.add("The server's first bytes: \"" + t.firstBytesText() + "\" (hex " + t.firstBytesHex() + ").");
        String kind = switch (t.plainTextKind()) {
            case HTTP -> "a web server without TLS (an HTTP answer)";
            case SMTP_OR_FTP_GREETING -> "an SMTP or FTP greeting";
            case POP3_GREETING -> "a POP3 greeting";
            case IMAP_GREETING -> "an IMAP greeting";
            case SSH -> "an SSH server";
            case OTHER -> "something that is not TLS";
        };
        switch (t.plainTextKind()) {
            case HTTP -> steps.add("Use http:// for this port, or the port where the server speaks TLS (often 443 or "
                    + "8443).");
            case SMTP_OR_FTP_GREETING, POP3_GREETING, IMAP_GREETING -> steps.add("This service starts in plain text and "
                    + "upgrades with STARTTLS (FTP: AUTH TLS): set the application to STARTTLS, or use the port with "
                    + "TLS from the start (SMTP 465, IMAP 993, POP3 995, FTPS 990).");
            case SSH -> steps.add("This is an SSH port: connect with ssh, or find the TLS service's own port.");
            case OTHER -> steps.add("Find which service listens on this port and the port where it speaks TLS.");
        }
        steps.add("If the application must use TLS here, the server's administrator enables TLS on this port.");
        return new TlsExplanation(t.verdict(), "The service on " + where + " answered in plain text, not TLS: " + kind
                + ".", "This computer sent a TLS ClientHello; the other end answered in its own protocol. It does "
                + "not speak TLS on this port, or not from the first byte.", Fault.PROGRAM, findings, steps);
    }

    private static void trustFindings(TlsCheck t, List<String> findings) {
        for (TrustResult r : t.trust()) {
            String whose = r.kind() == org.connectdoctor.tls.TrustSource.Kind.JAVA ? "Java" : "The operating system";
            if (!r.readable()) {
                findings.add(whose + ": " + r.description() + " could not be read (" + r.unreadable() + ").");
            } else if (r.trusted()) {
                findings.add(whose + ": " + r.description() + " trusts the chain (through " + r.anchor() + ").");
            } else {
                findings.add(whose + ": " + r.description() + " does not trust the chain.");
            }
        }
    }

    private static String javaStoreWords(TlsCheck t) {
        return t.javaTrust().map(TrustResult::description).orElse("Java's trust store");
    }

    /** The steps that put a root into the application's and the operating system's trust stores. */
    private static void importSteps(TlsCheck t, Os os, List<String> steps, String what) {
        steps.add("Otherwise the application needs " + what + " in its own trust store (as root.pem: the help desk "
                + "has it, or export it from this computer's store; openssl s_client -showcerts below shows the chain "
                + "the server sends). For a Java program: "
                + keytool("root.pem", "inspection-root") + " (or into the program's own store with -keystore FILE).");
        steps.add(switch (os == null ? Os.LINUX : os) {
            case WINDOWS -> "Programs that use the Windows store (browsers, curl.exe): an administrator imports it "
                    + "with Import-Certificate -FilePath root.cer -CertStoreLocation Cert:\\LocalMachine\\Root (or "
                    + "certutil -addstore -f Root root.cer); managed PCs get it by group policy.";
            case MACOS -> "Programs that use the macOS keychain: sudo security add-trusted-cert -d -r trustRoot -k "
                    + "/Library/Keychains/System.keychain root.pem";
            case LINUX -> "Programs that use the system bundle (curl, OpenSSL): Debian and Ubuntu: sudo cp root.pem "
                    + "/usr/local/share/ca-certificates/root.crt && sudo update-ca-certificates; Fedora and RHEL: "
                    + "sudo trust anchor root.pem";
        });
    }

    private static String keytool(String file, String alias) {
        return "keytool -importcert -cacerts -alias " + alias + " -file " + file + " -storepass changeit";
    }

    static String hostPort(TlsCheck t) {
        return (t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host()) + ":" + t.port();
    }

    private static String days(Duration d) {
        long days = d.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = d.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return Math.max(1, d.toMinutes()) + " minutes";
    }

    private static String seconds(long nanos) {
        return org.connectdoctor.probe.Durations.format(Duration.ofNanos(nanos));
    }

    /**
     * The small-segment handshake completed where the full-size one got nothing: a link on the way has
     * a smaller MTU than the ends know, and the ICMP that should tell the server so does not arrive.
     */
    private static TlsExplanation mtuBlackHole(TlsCheck t, Os os, String where, List<String> findings,
                                               List<String> steps) {
        SegmentRetry r = t.segmentRetry() != null ? t.segmentRetry()
                : new SegmentRetry(SegmentRetry.IPV4, org.connectdoctor.sys.Read.unknown("not recorded"), 0,
                        TlsVerdict.OK, 0, null); // a check read back without its figures: the words stay general
        boolean v6 = r.smallSegment() == SegmentRetry.IPV6;
        if (t.segmentRetry() != null) {
            String first = r.firstSegment() > 0 ? "MSS " + r.firstSegment() : "full-size segments";
            findings.add(r.words());
            findings.add("Stalled: " + first + (r.firstPathMtu() > 0 ? " (path MTU " + r.firstPathMtu()
                    + " as this computer's kernel knows it)" : "") + "; worked: MSS " + r.smallSegment() + ".");
        }
        String arrived = t.segmentRetry() != null && r.firstBytes() > 0 ? "only the first " + r.firstBytes()
                + " bytes of the server's answer arrived; the rest, sent in full-size packets, never did"
                : "the server's answer, sent in full-size packets, never arrived";
        Commands c = Commands.of(org.connectdoctor.sys.Capabilities.of(os));
        String route = c.routeGet(t.address());
        if (os == Os.WINDOWS) {
            steps.add("If this computer reaches " + t.address() + " through a VPN or tunnel, lower that interface's "
                    + "MTU. Find it with " + route + " | Select-Object -First 1 InterfaceAlias, then, in PowerShell as "
                    + "administrator: netsh interface " + (v6 ? "ipv6" : "ipv4") + " set subinterface \"NAME\" "
                    + "mtu=1400 store=persistent, with that InterfaceAlias as NAME.");
        } else if (os == Os.MACOS) {
            steps.add("If this computer reaches " + t.address() + " through a VPN or tunnel, lower that interface's "
                    + "MTU. Find it with " + route + " (its \"interface:\" line), then sudo ifconfig IFACE mtu 1400 "
                    + "with that interface as IFACE.");
        } else {
            steps.add("If this computer reaches " + t.address() + " through a VPN or tunnel, lower that interface's "
                    + "MTU. Find it with " + route + " (the name after \"dev\"), then sudo ip link set dev IFACE "
                    + "mtu 1400 with that name as IFACE (for WireGuard, MTU = 1400 in its configuration keeps it).");
        }
        steps.add("On the router, firewall or VPN gateway on the way: turn on TCP MSS clamping (on a Linux router "
                + "an nftables rule such as: nft add rule inet filter forward tcp flags syn tcp option maxseg size set "
                + "rt mtu; most routers and VPN gateways call it \"MSS clamping\" or \"adjust MSS\"), so connections "
                + "agree on segments that fit.");
        steps.add("Ask the network team to let ICMP " + (v6 ? "\"packet too big\" (ICMPv6 type 2)"
                : "\"fragmentation needed\" (type 3, code 4)") + " through every firewall on the way: without it "
                + "path MTU discovery cannot tell the server to send smaller packets.");
        return new TlsExplanation(t.verdict(), "Large packets from " + where + " are lost on the way: an MTU black "
                + "hole. The connect worked; the TLS handshake stalled until a connection asked for small segments.",
                "The ClientHello went out, but " + arrived + " within " + seconds(t.limitNanos() / 2) + ", while a second connection that advertised an MSS of "
                        + r.smallSegment() + " bytes completed the handshake. A link on the way (often a VPN or "
                        + "tunnel) carries smaller packets than the two ends assume, and the ICMP message that should "
                        + "tell the server to send smaller ones is blocked on the way. Small exchanges work; large "
                        + "ones (certificates, downloads) hang.",
                Fault.NETWORK, findings, steps);
    }

    /** A ping of full-size packets that may not be fragmented (1472 bytes of data = a 1500-byte IPv4 packet). */
    private static String dontFragmentPing(Os os, String address) {
        boolean v6 = address.indexOf(':') >= 0;
        // IPv6 routers never fragment: a full-size IPv6 ping (1452 bytes of data) needs no flag
        if (os == Os.WINDOWS) {
            return v6 ? "ping -l 1452 " + address : "ping -f -l 1472 " + address;
        }
        if (os == Os.MACOS) {
            return v6 ? "ping6 -s 1452 " + address : "ping -D -s 1472 " + address;
        }
        return "ping -M do -s " + (v6 ? 1452 : 1472) + " -c 3 " + address;
    }
}
