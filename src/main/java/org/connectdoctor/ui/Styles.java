package org.connectdoctor.ui;

/** Style-class names, one place for each; the rules live in app.css (and the palette in the theme files). */
final class Styles {
    static final String HEADLINE = "headline";
    static final String MEANING = "meaning";
    static final String FAULT = "fault";
    static final String SECTION_TITLE = "section-title";
    static final String SOURCE_LINE = "source-line";
    static final String FINDING = "finding";
    static final String STEP = "step";
    static final String MAN_TAG = "man-tag";
    static final String MAN_BODY = "man-body";
    static final String MAN_LITERAL = "man-literal";
    static final String MAN_HEADING = "man-heading";
    static final String MAN_SUBHEADING = "man-subheading";
    static final String MAN_BOLD = "man-bold";
    static final String MAN_ITALIC = "man-italic";
    static final String MAN_CODE = "man-code";
    static final String MAN_ENTRY = "man-entry";
    static final String MAN_TABLE = "man-table";
    /** The attempts table before its first row: no column headers, only its placeholder. */
    static final String NO_ROWS = "no-rows";
    /** The sideways scroll of a man-page table wider than the pane. */
    static final String MAN_TABLE_SCROLL = "man-table-scroll";
    static final String MAN_CELL = "man-cell";
    static final String MAN_LINK = "man-link";
    static final String SUCCESS = "success";
    static final String FAILURE = "failure";
    static final String NEUTRAL = "neutral";
    /** A label shortened in its middle on purpose, whole in its tooltip (a long target in the history). */
    static final String ELIDED = "elided";
    /** The comparison table, and its rows that changed since it worked and those that did not. */
    static final String COMPARISON_TABLE = "comparison-table";
    static final String CHANGED = "changed";
    static final String UNCHANGED = "unchanged";
    static final String MESSAGE_ERROR = "message-error";
    static final String STATISTICS = "statistics";
    static final String PANE_TITLE = "pane-title";
    static final String HINT = "hint";
    static final String ICON = "icon";
    static final String PENDING = "pending";
    static final String FORM_CHANGE = "form-change";
    static final String MESSAGE_LINE = "message-line";

    private Styles() {
    }
}
