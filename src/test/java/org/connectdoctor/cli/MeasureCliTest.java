package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** --warmup and --timestamps against a real listener on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(OwnDataFolder.class)
class MeasureCliTest {

    /** A listener that accepts, counts and closes every connection, on a thread of its own. */
    private static final class CountingServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        final AtomicInteger accepted = new AtomicInteger();
        final Thread thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "counting-server");

        CountingServer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        /** The count once {@code expected} connections came, or what came within 10 s. */
        int awaitAccepted(int expected) throws InterruptedException {
            for (int i = 0; i < 1000 && accepted.get() < expected; i++) {
                Thread.sleep(10);
            }
            return accepted.get();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }

    @Test
    void warmUpRoundsAreMadeAndPrintedButNotCounted() throws Exception {
        try (CountingServer server = new CountingServer()) {
            CliRun run = CliRun.cli("probe", "--brief", "--no-history", "-c", "5", "-i", "0s", "--warmup", "3",
                    "127.0.0.1:" + server.socket.getLocalPort());
            assertEquals(0, run.exit(), run.out() + run.err());
            assertEquals(8, server.awaitAccepted(8), "3 warm-up and 5 counted connections");
            List<String> warm = run.lines().stream().filter(l -> l.startsWith("warm-up ")).toList();
            assertEquals(3, warm.stream().filter(l -> l.contains("Connected to 127.0.0.1")).count(), run.out());
            assertTrue(run.out().contains("5 probes, 5 connected, 0 failed, 0.0% loss"), run.out());
            assertTrue(run.out().contains("Connected to 127.0.0.1 port " + server.socket.getLocalPort()
                    + " in 5 of 5 probes."), run.out());
            assertEquals(1, run.lines().stream().filter(l -> l.contains("Connected to")
                    && l.startsWith("[1] ")).count(), "one counted first round:\n" + run.out());
        }
    }

    @Test
    void aWarmUpCountOutsideItsRangeIsOneLineAndExitTwo() {
        CliRun run = CliRun.cli("probe", "--warmup", "-1", "127.0.0.1:1");
        assertEquals(2, run.exit());
        assertEquals("connect-doctor: --warmup takes a whole number of rounds from 0 to 1000000, not -1.",
                run.err().strip());
    }

    @Test
    void timestampsBeginEveryAttemptLine() throws Exception {
        Pattern stamp = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (warm-up )?\\[\\d+] \\*.*");
        try (CountingServer server = new CountingServer()) {
            CliRun run = CliRun.cli("probe", "--brief", "--no-history", "-c", "3", "-i", "0s", "--warmup", "1",
                    "--timestamps", "127.0.0.1:" + server.socket.getLocalPort());
            assertEquals(0, run.exit(), run.out() + run.err());
            List<String> attempts = run.lines().stream().filter(l -> l.contains("Trying ")
                    || l.contains("* Connected to 127.0.0.1 port")).toList();
            assertEquals(6 + 2, attempts.size(), run.out()); // 3 counted + 1 warm-up rounds, trying + connected
            Pattern warmStamp = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z warm-up \\*.*");
            assertEquals(2, attempts.stream().filter(l -> warmStamp.matcher(l).matches()).count(), run.out());
            assertEquals(6, attempts.stream().filter(l -> stamp.matcher(l).matches()).count(), run.out());
            assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("Connected to 127.0.0.1 port")),
                    "the verdict has no time: " + run.out());
        }
    }

    @Test
    void histogramInputThatIsNotBucketsIsOneLineSayingWhatIsAccepted() {
        for (String bad : new String[] {"0", "101", "2,1", "1,,2", "5kg", "1,2x"}) {
            CliRun run = CliRun.cli("probe", "-c", "2", "--histogram", bad, "127.0.0.1:1");
            assertEquals(2, run.exit(), bad + ": " + run.err());
            String err = run.err().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("connect-doctor: --histogram"), err);
        }
        CliRun single = CliRun.cli("probe", "--histogram", "127.0.0.1:1");
        assertEquals(2, single.exit());
        assertEquals("connect-doctor: --histogram shows the times of repeated probes; add --count 2 or more.",
                single.err().strip());
    }

    @Test
    void histogramBarsFollowTheStatisticsAndTheTargetIsNotTakenForBuckets() throws Exception {
        try (CountingServer server = new CountingServer()) {
            String target = "127.0.0.1:" + server.socket.getLocalPort();
            CliRun bare = CliRun.cli("probe", "--brief", "--no-history", "-c", "4", "-i", "0s", "--histogram", target);
            assertEquals(0, bare.exit(), bare.out() + bare.err());
            String out = bare.out();
            assertTrue(out.indexOf("connect time histogram (ms):") > out.indexOf("probe statistics ---"), out);
            assertTrue(out.contains("connect time p50/p90/p99/p99.9/max = "), out);
            CliRun bounds = CliRun.cli("probe", "--brief", "--no-history", "-c", "4", "-i", "0s", "--histogram",
                    "0.5,1,2ms,1s", target);
            assertEquals(0, bounds.exit(), bounds.out() + bounds.err());
            List<String> bars = bounds.lines().stream().filter(l -> l.contains("|")).toList();
            assertEquals(5, bars.size(), bounds.out());
            assertTrue(bars.get(0).strip().startsWith("<= 0.500 |"), bars.get(0));
            assertTrue(bars.get(4).strip().startsWith("> 1000.000 |"), bars.get(4));
            assertEquals(4, bars.stream().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf('|') + 1).strip()
                    .split(" +")[0])).sum(), bounds.out());
        }
    }

    /** RFC 4180 records of {@code text}: fields split at commas outside quotes, "" inside quotes a quote. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new java.util.ArrayList<>();
        List<String> row = new java.util.ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new java.util.ArrayList<>();
                i++;
            } else {
                f.append(c);
            }
        }
        assertTrue(row.isEmpty() && f.length() == 0, "the last line ends with CRLF: " + text);
        return rows;
    }

    @Test
    void csvLinesAreAppendedWithTheHeaderOnceAndParseBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("probes.csv");
        try (CountingServer server = new CountingServer()) {
            String target = "127.0.0.1:" + server.socket.getLocalPort();
            assertEquals(0, CliRun.cli("probe", "--brief", "--no-history", "-c", "2", "-i", "0s", "--warmup", "1",
                    "--csv", file.toString(), target).exit());
        }
        int closed = org.connectdoctor.testing.Loopback.closedTcpPort();
        assertEquals(1, CliRun.cli("probe", "--brief", "--no-history", "--csv", file.toString(),
                "127.0.0.1:" + closed).exit());
        List<List<String>> rows = parseCsv(java.nio.file.Files.readString(file));
        assertEquals(List.of(org.connectdoctor.report.CsvLines.HEADER.split(",")), rows.get(0));
        assertEquals(5, rows.size(), rows.toString());
        assertEquals(List.of("true", "false", "false", "false"), rows.subList(1, 5).stream().map(r -> r.get(9)).toList());
        for (List<String> r : rows.subList(1, 5)) {
            assertEquals(10, r.size(), r.toString());
            assertTrue(r.get(0).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), r.get(0));
            assertEquals("ipv4", r.get(3));
            assertTrue(Double.parseDouble(r.get(7)) >= 0, r.toString());
        }
        assertEquals(List.of("connected", "", ""), rows.get(3).subList(4, 7));
        assertEquals(List.of("failed", "ECONNREFUSED", "111"), rows.get(4).subList(4, 7));
        assertEquals("127.0.0.1:" + closed, rows.get(4).get(2));
    }

    @Test
    void aUnixPathWithACommaIsOneQuotedField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path sock = dir.resolve("a,\"b\".sock");
        java.nio.file.Path file = dir.resolve("unix.csv");
        try (java.nio.channels.ServerSocketChannel unix = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            unix.bind(java.net.UnixDomainSocketAddress.of(sock), 5);
            CliRun run = CliRun.cli("probe", "--brief", "--no-history", "--csv", file.toString(), sock.toString());
            assertEquals(0, run.exit(), run.out() + run.err());
        }
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains(",\"unix:" + sock.toString().replace("\"", "\"\"") + "\","), text);
        List<String> row = parseCsv(text).get(1);
        assertEquals("unix:" + sock, row.get(2));
        assertEquals(List.of("unix", "connected"), row.subList(3, 5));
    }

    @Test
    void csvToStandardOutputSendsTheTextReportToStandardError() throws Exception {
        try (CountingServer server = new CountingServer()) {
            CliRun run = CliRun.cli("probe", "--brief", "--no-history", "-c", "2", "-i", "0s", "--csv", "-",
                    "127.0.0.1:" + server.socket.getLocalPort());
            assertEquals(0, run.exit(), run.err());
            List<List<String>> rows = parseCsv(run.out());
            assertEquals(3, rows.size(), run.out());
            assertTrue(run.err().contains("in 2 of 2 probes."), run.err());
        }
        CliRun both = CliRun.cli("probe", "--json", "--csv", "-", "127.0.0.1:1");
        assertEquals(2, both.exit());
        assertEquals("connect-doctor: --csv - and --json both write to standard output; give --csv a file name.",
                both.err().strip());
    }

    @Test
    void csvRefusesAFolderAndAFifoWithoutOpeningThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        CliRun folder = CliRun.cli("probe", "--csv", dir.toString(), "127.0.0.1:1");
        assertEquals(2, folder.exit());
        assertTrue(folder.err().strip().endsWith("is a folder; --csv takes a file, or - for standard output."),
                folder.err());
        java.nio.file.Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo (coreutils)");
        CliRun pipe = CliRun.cli("probe", "--csv", fifo.toString(), "127.0.0.1:1"); // opening it would block
        assertEquals(2, pipe.exit());
        assertTrue(pipe.err().contains("is a FIFO (named pipe); --csv takes a file"), pipe.err());
    }

    @Test
    void rfc4180QuotesCommasQuotesAndLineBreaksOnly() {
        assertEquals("[::1]:443", org.connectdoctor.report.CsvLines.field("[::1]:443"));
        assertEquals("\"refused, twice\"", org.connectdoctor.report.CsvLines.field("refused, twice"));
        assertEquals("\"say \"\"hi\"\"\"", org.connectdoctor.report.CsvLines.field("say \"hi\""));
        assertEquals("\"a\r\nb\"", org.connectdoctor.report.CsvLines.field("a\r\nb"));
    }
}
