package org.connectdoctor.settings;

import java.util.List;

/**
 * What the window remembers between runs.
 *
 * @param recentTargets most recent first, at most {@link #MAX_RECENT}
 * @param width         window width
 * @param height        window height
 * @param dark          dark theme
 * @param fontScale     the window's zoom (Ctrl+Plus / Ctrl+Minus / Ctrl+0): its font size as a
 *                      factor of the standard one, from {@link #MIN_SCALE} to {@link #MAX_SCALE}
 */
public record Settings(List<String> recentTargets, double width, double height, boolean dark, double fontScale) {
    public static final int MAX_RECENT = 20;
    public static final double MIN_SCALE = 0.8;
    public static final double MAX_SCALE = 2.0;
    public static final Settings DEFAULTS = new Settings(List.of(), 1180, 760, false, 1.0);

    public Settings {
        recentTargets = List.copyOf(recentTargets.stream().limit(MAX_RECENT).toList());
        fontScale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, fontScale));
    }

    /** Settings at the standard font size. */
    public Settings(List<String> recentTargets, double width, double height, boolean dark) {
        this(recentTargets, width, height, dark, 1.0);
    }

    /** These settings with {@code target} first among the recent ones. */
    public Settings withRecent(String target) {
        java.util.List<String> list = new java.util.ArrayList<>(recentTargets);
        list.remove(target);
        list.add(0, target);
        return new Settings(list, width, height, dark, fontScale);
    }

    public Settings withSize(double w, double h) {
        return new Settings(recentTargets, w, h, dark, fontScale);
    }

    public Settings withDark(boolean d) {
        return new Settings(recentTargets, width, height, d, fontScale);
    }

    public Settings withFontScale(double scale) {
        return new Settings(recentTargets, width, height, dark, scale);
    }
}
