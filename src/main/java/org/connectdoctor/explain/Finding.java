package org.connectdoctor.explain;

/**
 * A fact a context check found on this computer, stated plainly: "A service listens on ::1
 * port 5432 but not on 127.0.0.1."
 *
 * @param check     the check that found it ("listeners", "route", …)
 * @param text      the fact
 * @param diagnosis what the fact establishes about the cause, or null when it only adds context
 */
public record Finding(String check, String text, Diagnosis diagnosis) {

    /** A fact that adds context without changing the explanation's cause. */
    public Finding(String check, String text) {
        this(check, text, null);
    }
}
