package org.connectdoctor.settings;

import java.util.List;

/**
 * What the window remembers between runs.
 *
 * @param recentTargets most recent first, at most {@link #MAX_RECENT}
 * @param width         window width
 * @param height        window height
 * @param dark          dark theme
 */
public record Settings(List<String> recentTargets, double width, double height, boolean dark) {
    public static final int MAX_RECENT = 20;
    public static final Settings DEFAULTS = new Settings(List.of(), 1180, 760, false);

    public Settings {
        recentTargets = List.copyOf(recentTargets.stream().limit(MAX_RECENT).toList());
    }

    /** These settings with {@code target} first among the recent ones. */
    public Settings withRecent(String target) {
        java.util.List<String> list = new java.util.ArrayList<>(recentTargets);
        list.remove(target);
        list.add(0, target);
        return new Settings(list, width, height, dark);
    }

    public Settings withSize(double w, double h) {
        return new Settings(recentTargets, w, h, dark);
    }

    public Settings withDark(boolean d) {
        return new Settings(recentTargets, width, height, d);
    }
}
