package org.connectdoctor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where the settings and the history go, in a process of its own with the environment a desktop
 * session gives: $XDG_CONFIG_HOME and $XDG_DATA_HOME first, else $HOME/.config and
 * $HOME/.local/share ($HOME, not the password database's home, which the JVM's user.home is).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FoldersFollowTheEnvironmentTest {

    /** Prints the settings file and the data folder, for the parent test. */
    public static void main(String[] args) {
        System.out.println(SettingsStore.standard().file());
        System.out.println(org.connectdoctor.history.HistoryStore.dataDirectory());
    }

    private static List<String> folders(Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FoldersFollowTheEnvironmentTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CONNECT_DOCTOR_DATA");
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().remove("XDG_DATA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.lines().toList();
    }

    @Test
    void xdgFoldersAndThenHomeAreFollowed() throws Exception {
        assertEquals(List.of("/tmp/cd-xdg-config/connect-doctor/settings.properties", "/tmp/cd-xdg-data/connect-doctor"),
                folders(Map.of("XDG_CONFIG_HOME", "/tmp/cd-xdg-config", "XDG_DATA_HOME", "/tmp/cd-xdg-data",
                        "HOME", "/tmp/cd-home")));
        assertEquals(List.of("/tmp/cd-home/.config/connect-doctor/settings.properties",
                "/tmp/cd-home/.local/share/connect-doctor"), folders(Map.of("HOME", "/tmp/cd-home")));
        // a relative XDG value is not one the XDG rules accept: $HOME's folders are used
        assertEquals(List.of("/tmp/cd-home/.config/connect-doctor/settings.properties",
                "/tmp/cd-home/.local/share/connect-doctor"),
                folders(Map.of("HOME", "/tmp/cd-home", "XDG_CONFIG_HOME", "relative", "XDG_DATA_HOME", "relative")));
    }
}
