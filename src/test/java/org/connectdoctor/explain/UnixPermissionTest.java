package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * EACCES on a Unix socket, for real: root makes a listening socket inside a directory only root
 * may enter, and the command line, run as user nobody through setpriv, probes it. The finding must
 * name that directory. Needs root to switch users; CI runs as root.
 */
@Tag("root")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UnixPermissionTest {

    @TempDir
    Path dir;

    @Test
    void deniedPathNamesTheDirectoryThisUserMayNotPass() throws Exception {
        assumeTrue(Loopback.isRoot(), "switching to user nobody needs root; CI runs as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = copyClassPath(dir.resolve("lib"));
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        Path socket = locked.resolve("app.sock");
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (NativeSocket server = NativeSockets.system().listen(new SockAddr.Unix(socket.toString(), false),
                SocketType.STREAM, 4)) {
            List<String> cmd = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Duser.home=" + home, "-Djna.tmpdir=" + home, "-Djava.io.tmpdir=" + home,
                    "-cp", lib.resolve("classes") + File.pathSeparator + lib.resolve("*"),
                    "org.connectdoctor.Main", "probe", "--json", socket.toString());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), out);
            JsonNode json = new ObjectMapper().readTree(out);
            assertEquals("EACCES", json.at("/attempts/0/errno/symbol").asText(), out);
            JsonNode explanation = json.get("explanation");
            assertEquals("this_computer", explanation.get("fault").asText());
            String findings = explanation.get("findings").toString();
            assertTrue(findings.contains(locked + " (mode rwx------, owner root, group root) does not let nobody pass"),
                    findings);
            assertTrue(explanation.at("/man/text").asText().contains("UNIX domain sockets"), out);
        }
    }

    /** The test's class path, copied where user nobody can read it (/root is closed to others). */
    private static Path copyClassPath(Path lib) throws Exception {
        Files.createDirectories(lib);
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.toString().endsWith("target" + File.separator + "classes")) {
                copyTree(p, lib.resolve("classes"));
            } else if (p.getFileName().toString().startsWith("jna") || p.getFileName().toString().startsWith("picocli")) {
                jars.add(Files.copy(p, lib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
        }
        assertTrue(jars.size() >= 2, "jna and picocli on the class path: " + jars);
        try (Stream<Path> all = Files.walk(lib)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return lib;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
