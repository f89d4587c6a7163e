package org.connectdoctor.explain;

/**
 * A fact a context check found on this computer, stated plainly: "A service listens on ::1
 * port 5432 but not on 127.0.0.1."
 *
 * @param check the check that found it ("listeners", "route", …)
 * @param text  the fact
 */
public record Finding(String check, String text) {
}
