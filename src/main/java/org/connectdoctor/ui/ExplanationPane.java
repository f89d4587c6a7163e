package org.connectdoctor.ui;

import org.connectdoctor.explain.TlsExplainer;
import org.connectdoctor.explain.TlsExplanation;
import org.connectdoctor.tls.CertificateInfo;
import org.connectdoctor.tls.TlsCheck;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.explain.Finding;
import org.connectdoctor.explain.ManQuote;
import org.connectdoctor.man.LoadedPage;
import org.connectdoctor.man.ManRef;

/**
 * The explanation of the selected attempt: headline, meaning and fault, what this computer shows,
 * the numbered steps, one-click follow-ups, and the man-page entry in its own typography with its
 * source. SEE ALSO links open the page here ({@link ManPageBrowser}), with Back to return.
 */
final class ExplanationPane extends VBox {

    private final ScrollPane scroll = new ScrollPane();
    private final Consumer<FollowUp> onAction;
    /** The one-click follow-ups: the view-model's list, shown under the verdict. */
    private final FlowPane actions = new FlowPane(8, 8);
    private final Label followUpResult = new Label();
    private final Function<ManRef, CompletableFuture<Optional<LoadedPage>>> pages;
    private final ManPageBrowser browser;

    ExplanationPane(Consumer<FollowUp> onAction, Function<ManRef, CompletableFuture<Optional<LoadedPage>>> pages) {
        this.onAction = onAction;
        this.pages = pages;
        setId("explanation");
        actions.setId("explanation-actions");
        actions.setMinWidth(0); // a flow pane is as wide as its widest button would like; its buttons wrap instead
        followUpResult.setId("follow-up-result");
        followUpResult.setWrapText(true);
        followUpResult.getStyleClass().add(Styles.FINDING);
        followUpResult.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        followUpResult.visibleProperty().bind(followUpResult.textProperty().isEmpty().not());
        followUpResult.managedProperty().bind(followUpResult.visibleProperty());
        browser = new ManPageBrowser(scroll, pages);
        scroll.setFitToWidth(true);
        scroll.setId("explanation-scroll");
        // Tab stops on the explanation itself, before its links: there the arrows, Page Up/Down and
        // Home/End scroll it, so the headline and meaning can be read back by keyboard
        scroll.setFocusTraversable(true);
        scroll.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::scrollByKey);
        // a link reached by Tab is scrolled into view
        scroll.sceneProperty().addListener((obs, o, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((fo, was, now) -> reveal(now));
            }
        });
        setSpacing(4);
        getChildren().addAll(browser.bar(), scroll);
        javafx.scene.layout.VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        show(null);
    }

    private void scrollByKey(javafx.scene.input.KeyEvent e) {
        if (e.getTarget() != scroll) {
            return; // a focused link or button keeps its keys
        }
        double content = scroll.getContent() == null ? 0 : scroll.getContent().getLayoutBounds().getHeight();
        double view = scroll.getViewportBounds().getHeight();
        double room = content - view;
        if (room <= 0) {
            return;
        }
        double line = 40 / room;
        double page = Math.max(line, (view - 40) / room);
        double v = scroll.getVvalue();
        switch (e.getCode()) {
            case UP -> v -= line;
            case DOWN -> v += line;
            case PAGE_UP -> v -= page;
            case PAGE_DOWN, SPACE -> v += page;
            case HOME -> v = 0;
            case END -> v = 1;
            default -> {
                return;
            }
        }
        scroll.setVvalue(Math.max(0, Math.min(1, v)));
        e.consume();
    }

    /** Scrolls so that {@code focused}, when it lies in the explanation, is in view. */
    private void reveal(javafx.scene.Node focused) {
        javafx.scene.Node content = scroll.getContent();
        if (focused == null || content == null || focused == scroll) {
            return;
        }
        boolean inside = false;
        for (javafx.scene.Node n = focused; n != null; n = n.getParent()) {
            if (n == content) {
                inside = true;
                break;
            }
        }
        if (!inside) {
            return;
        }
        double room = content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
        if (room <= 0) {
            return;
        }
        javafx.geometry.Bounds b = content.sceneToLocal(focused.localToScene(focused.getBoundsInLocal()));
        double top = scroll.getVvalue() * room;
        double bottom = top + scroll.getViewportBounds().getHeight();
        if (b.getMinY() < top) {
            scroll.setVvalue(b.getMinY() / room);
        } else if (b.getMaxY() > bottom) {
            scroll.setVvalue(Math.min(1, (b.getMaxY() - scroll.getViewportBounds().getHeight()) / room));
        }
    }

    /** Shows an explanation (null: the empty state) with no run behind it. */
    void show(Explanation e) {
        show(e, null, false, null);
    }

    /**
     * Shows an explanation (null: the empty state, or while {@code running}, what is under way)
     * of a run with the time limit {@code limit} (null for none) and, above it, the TLS check of
     * the same run when there is one: its verdict, the chain as a short list and what to do.
     */
    void show(Explanation e, java.time.Duration limit, boolean running, TlsCheck tls) {
        browser.reset();
        this.limit = limit;
        this.running = running;
        if (tls == null) {
            scroll.setContent(e == null ? placeholder() : render(e));
        } else {
            VBox both = new VBox(12, tls(tls, e == null ? null : e.tls()));
            if (e != null) {
                both.getChildren().add(render(e));
            }
            scroll.setContent(both);
        }
        scroll.setVvalue(0);
    }

    private java.time.Duration limit;
    private boolean running;

    /** The TLS check: verdict, protocol, the chain one short entry per certificate, the explanation. */
    private static Node tls(TlsCheck t, TlsExplanation built) {
        VBox box = new VBox(6);
        box.setId("tls-result");
        // built with the explanation, off this thread (it may read the system's connectivity verdict);
        // the words of the check alone where the explanation does not carry it
        TlsExplanation x = built != null && built.verdict() == t.verdict() ? built
                : TlsExplainer.explain(t, org.connectdoctor.net.Os.current());
        Label headline = new Label("TLS: " + t.verdict().words());
        headline.setId("tls-headline");
        headline.getStyleClass().addAll(Styles.HEADLINE, t.verdict().isSuccess() ? Styles.SUCCESS : Styles.FAILURE);
        headline.setWrapText(true);
        box.getChildren().addAll(headline, wrapped(x.headline(), Styles.MEANING));
        if (t.protocol() != null) {
            box.getChildren().add(wrapped(t.protocol() + ", " + t.cipherSuite()
                    + (t.alpn() == null ? "" : ", " + t.alpn()), Styles.SOURCE_LINE));
        }
        if (!t.chain().isEmpty()) {
            box.getChildren().add(title("Certificates the server sent"));
            VBox chain = new VBox(4);
            chain.setId("tls-chain");
            for (int i = 0; i < t.chain().size(); i++) {
                CertificateInfo c = t.chain().get(i);
                List<String> names = new java.util.ArrayList<>(c.dnsNames());
                names.addAll(c.ipAddresses());
                String who = (i == 0 ? "Server: " : "Issuer " + i + ": ") + c.commonName();
                String detail = "issued by " + org.connectdoctor.tls.CertificateInfo.commonNameOf(c.issuer())
                        + "; valid " + day(c.notBefore()) + " to " + day(c.notAfter())
                        + (names.isEmpty() ? "" : "; for " + String.join(", ", names))
                        + "; " + c.keyType() + (c.keyBits() > 0 ? " " + c.keyBits() : "");
                chain.getChildren().addAll(wrapped("\u2022 " + who, Styles.STEP), wrapped("   " + detail, Styles.FINDING));
            }
            box.getChildren().add(chain);
        }
        box.getChildren().add(wrapped("Usually at fault: " + x.fault().words(), Styles.FAULT));
        if (!x.findings().isEmpty()) {
            box.getChildren().add(title("What this computer shows (TLS)"));
            VBox list = new VBox(3);
            list.setId("tls-findings");
            for (String f : x.findings()) {
                list.getChildren().add(wrapped("\u2022 " + WindowWording.forWindow(f), Styles.FINDING));
            }
            box.getChildren().add(list);
        }
        box.getChildren().add(title("What to do about TLS"));
        VBox steps = new VBox(3);
        steps.setId("tls-steps");
        for (int i = 0; i < x.steps().size(); i++) {
            steps.getChildren().add(wrapped((i + 1) + ". " + WindowWording.forWindow(x.steps().get(i)), Styles.STEP));
        }
        box.getChildren().add(steps);
        return pad(box);
    }

    private static String day(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(t.atOffset(java.time.ZoneOffset.UTC));
    }

    private Node placeholder() {
        Label l = new Label(running ? "The probe is running: its result is explained here as soon as it ends."
                : "Run a probe: its result is explained here, with the manual's own words and what to do.");
        l.setWrapText(true);
        l.getStyleClass().add(Styles.HINT);
        return pad(new VBox(l));
    }

    private Node render(Explanation e) {
        VBox box = new VBox(8);
        WindowWording.Headline words = WindowWording.headline(e, limit);
        Label headline = new Label(words.words());
        headline.setId("explanation-headline");
        headline.getStyleClass().addAll(Styles.HEADLINE, words.style());
        headline.setWrapText(true);
        headline.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.getChildren().add(headline);
        if (words.code() != null) {
            Label code = wrapped(words.code(), Styles.HINT);
            code.setId("explanation-code");
            box.getChildren().add(code);
        }
        Label meaning = wrapped(e.meaning(), Styles.MEANING);
        Label fault = wrapped("Usually at fault: " + e.fault().words(), Styles.FAULT);
        box.getChildren().addAll(meaning, fault);
        // The follow-ups (from the view-model: the explanation's actions and the window's own) come
        // right under the verdict: the obvious next step is in view without scrolling.
        actions.getChildren().clear();
        box.getChildren().addAll(actions, followUpResult);

        if (!e.findings().isEmpty()) {
            box.getChildren().add(title("What this computer shows"));
            VBox list = new VBox(3);
            list.setId("explanation-findings");
            for (Finding f : e.findings()) {
                list.getChildren().add(wrapped("\u2022 " + WindowWording.forWindow(f.text()), Styles.FINDING));
            }
            box.getChildren().add(list);
        }
        box.getChildren().add(title("What to do"));
        VBox steps = new VBox(3);
        steps.setId("explanation-steps");
        for (int i = 0; i < e.steps().size(); i++) {
            steps.getChildren().add(wrapped((i + 1) + ". " + WindowWording.forWindow(e.steps().get(i)), Styles.STEP));
        }
        box.getChildren().add(steps);
        if (e.environment() != null) {
            // where the run went from, one aspect a line: what a second-level engineer asks first
            box.getChildren().add(title("Environment"));
            VBox env = new VBox(2);
            env.setId("explanation-environment");
            for (org.connectdoctor.explain.Environment.Item i : e.environment().items()) {
                env.getChildren().add(wrapped(WindowWording.forWindow(i.words()), Styles.FINDING));
            }
            box.getChildren().add(env);
        }
        ManQuote q = e.quote();
        if (q != null) {
            box.getChildren().add(title("From the manual: " + q.titleLine()));
            Node entry = ManPageView.entry(q.entry());
            entry.setId("explanation-man");
            box.getChildren().addAll(entry, wrapped("Source: " + q.source().description(), Styles.SOURCE_LINE));
            Hyperlink open = new Hyperlink("Open " + q.page());
            open.setId("open-quoted-page");
            open.setOnAction(ev -> open(q.page()));
            box.getChildren().add(open);
        } else if (e.systemText() != null) {
            box.getChildren().add(wrapped("No man page on this system has an entry for " + e.key()
                    + "; the C library's own text is \u201c" + e.systemText() + "\u201d.", Styles.SOURCE_LINE));
        }
        if (!e.otherQuotes().isEmpty()) {
            VBox others = new VBox(6);
            for (ManQuote o : e.otherQuotes()) {
                others.getChildren().addAll(wrapped("in " + o.page(), Styles.SOURCE_LINE), ManPageView.entry(o.entry()));
            }
            TitledPane folded = new TitledPane("Other entries for " + e.key() + " (" + e.otherQuotes().size()
                    + ", not the likely cause here)", others);
            folded.setExpanded(false);
            folded.setId("explanation-other-entries");
            box.getChildren().add(folded);
        }
        if (!e.seeAlso().isEmpty()) {
            FlowPane links = new FlowPane(4, 2);
            links.setId("explanation-see-also");
            links.getChildren().add(new Label("See also:"));
            for (ManRef ref : e.seeAlso()) {
                Hyperlink h = new Hyperlink(ref.toString());
                h.setOnAction(ev -> open(ref));
                links.getChildren().add(h);
            }
            box.getChildren().add(links);
        }
        return pad(box);
    }

    /**
     * Shows a run of an earlier session as the history saved it: its verdict, when it ran, what
     * this computer showed then, and its report; the explanation is not rebuilt, since it would
     * describe the computer now, not then. {@code runAgain} repeats the run.
     */
    void showSaved(org.connectdoctor.history.RunRecord r, Runnable runAgain) {
        browser.reset();
        actions.getChildren().clear();
        VBox box = new VBox(8);
        box.setId("saved-run");
        Label headline = new Label(r.errno() != null ? r.errno() + (r.errnoNumber() == null ? "" : " (" + r.errnoNumber() + ")")
                : new AttemptRow.Saved(r).resultText());
        headline.setId("explanation-headline");
        headline.getStyleClass().addAll(Styles.HEADLINE, r.succeeded() ? Styles.SUCCESS
                : r.cancelled() ? Styles.NEUTRAL : Styles.FAILURE);
        headline.setWrapText(true);
        headline.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label verdict = wrapped(r.verdict().isEmpty() ? r.outcome().name() : r.verdict(), Styles.MEANING);
        Label when = wrapped("Saved in the history: a run of " + ShownReport.savedWhen(r) + ", from an earlier "
                + "session. This is what it showed then; this computer may show something else now.", Styles.HINT);
        when.setId("saved-note");
        Button again = new Button("Run it again now");
        again.setId("saved-run-again");
        again.setMnemonicParsing(false);
        again.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        again.setOnAction(ev -> runAgain.run());
        box.getChildren().addAll(headline, verdict, when, again);
        if (!r.findings().isEmpty()) {
            box.getChildren().add(title("What this computer showed then"));
            VBox list = new VBox(3);
            for (String f : r.findings()) {
                list.getChildren().add(wrapped("\u2022 " + WindowWording.forWindow(f), Styles.FINDING));
            }
            box.getChildren().add(list);
        }
        box.getChildren().add(title("The report as saved"));
        // the report as the command line printed it, line for line: never re-wrapped (its aligned
        // blocks would fall apart), a line wider than the pane scrolls sideways instead of being cut
        Label text = new Label(r.report().isEmpty() ? r.verdict() : r.report().stripTrailing());
        text.getStyleClass().add(Styles.MAN_CODE);
        text.setWrapText(false);
        text.setMinWidth(Region.USE_PREF_SIZE);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setId("saved-report");
        ScrollPane wide = new ScrollPane(text);
        wide.setId("saved-report-scroll");
        wide.setFitToHeight(true);
        wide.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        wide.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        wide.setMinWidth(0);
        wide.setMinHeight(Region.USE_PREF_SIZE);
        wide.getStyleClass().add(Styles.MAN_TABLE_SCROLL);
        ManPageView.passVerticalScrollOn(wide);
        box.getChildren().add(wide);
        scroll.setContent(pad(box));
        scroll.setVvalue(0);
    }

    /** Shows what "Compare" found, with a way back to what was on show before. */
    void showComparison(ProbeViewModel.Comparison c, Runnable back) {
        browser.reset();
        actions.getChildren().clear();
        VBox box = new VBox(8);
        box.setId("comparison");
        Hyperlink backLink = new Hyperlink("\u2190 Back to the run");
        backLink.setId("comparison-back");
        backLink.setOnAction(ev -> back.run());
        Label heading = wrapped(c.title(), Styles.SECTION_TITLE);
        org.connectdoctor.history.Diff.Comparison d = c.diff();
        Label summary = wrapped(d.summary(), Styles.MEANING);
        summary.setId("comparison-summary");
        box.getChildren().addAll(backLink, heading, summary);
        if (d.likelyCause() != null) {
            // the likely cause first, as diff orders it
            Label cause = wrapped("Likely cause: " + d.likelyCause(), Styles.FAULT);
            cause.setId("comparison-cause");
            box.getChildren().add(cause);
        }
        if (d.changes().size() > 1) {
            box.getChildren().add(title("What changed, the likely cause first"));
            VBox list = new VBox(3);
            list.setId("comparison-changes");
            for (int i = 0; i < d.changes().size(); i++) {
                list.getChildren().add(wrapped((i + 1) + ". " + d.changes().get(i).sentence(), Styles.STEP));
            }
            box.getChildren().add(list);
        }
        if (!d.notCompared().isEmpty()) {
            box.getChildren().add(title("Not compared"));
            VBox list = new VBox(3);
            for (String n : d.notCompared()) {
                list.getChildren().add(wrapped("\u2022 " + n, Styles.FINDING));
            }
            box.getChildren().add(list);
        }
        java.util.List<org.connectdoctor.history.DiffText.Row> rows =
                org.connectdoctor.history.DiffText.rows(d, java.time.ZoneId.systemDefault());
        if (!rows.isEmpty()) {
            box.getChildren().add(comparisonTable(org.connectdoctor.history.DiffText.thenHeading(d), rows));
        }
        scroll.setContent(pad(box));
        scroll.setVvalue(0);
    }

    /**
     * Both runs side by side as a real table: a row per fact, the value then and now in columns
     * of their own, each wrapping inside its cell; a row that changed is marked in words and type.
     */
    private static javafx.scene.layout.GridPane comparisonTable(String thenHeading,
                                                               java.util.List<org.connectdoctor.history.DiffText.Row> rows) {
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setId("comparison-table");
        g.getStyleClass().add(Styles.COMPARISON_TABLE);
        g.setHgap(10);
        g.setVgap(4);
        for (double pct : new double[] {28, 36, 36}) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(pct);
            cc.setHgrow(javafx.scene.layout.Priority.ALWAYS);
            g.getColumnConstraints().add(cc);
        }
        g.addRow(0, header(""), header(thenHeading), header("now"));
        int r = 1;
        for (org.connectdoctor.history.DiffText.Row row : rows) {
            Label what = cell(row.changed() ? row.what() + "\nchanged" : row.what());
            Label then = cell(row.then());
            Label now = cell(row.now());
            for (Label l : java.util.List.of(what, then, now)) {
                l.getStyleClass().add(row.changed() ? Styles.CHANGED : Styles.UNCHANGED);
            }
            what.setId("comparison-row-" + row.what().replace(' ', '-'));
            for (Label l : java.util.List.of(what, then, now)) {
                // a row whose value wraps keeps its name on its first line
                javafx.scene.layout.GridPane.setValignment(l, javafx.geometry.VPos.TOP);
            }
            g.addRow(r++, what, then, now);
        }
        return g;
    }

    private static Label header(String text) {
        Label l = cell(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private static Label cell(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinWidth(0);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** Shows the one-click follow-ups of the result on show, each a button that says what it will do. */
    void showFollowUps(java.util.List<FollowUp> followUps) {
        actions.getChildren().clear();
        for (FollowUp f : followUps) {
            Button b = new Button(f.label());
            b.setId(f.id());
            b.setMnemonicParsing(false);
            // in a narrow pane its words wrap onto a second line instead of widening the pane
            b.setWrapText(true);
            b.maxWidthProperty().bind(actions.widthProperty());
            b.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setOnAction(ev -> onAction.accept(f));
            actions.getChildren().add(b);
        }
    }

    /** What "Check the path" found. */
    Label followUpResult() {
        return followUpResult;
    }

    /** Opens a page in the pane (see {@link ManPageBrowser}). */
    void open(ManRef ref) {
        browser.open(ref);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        l.setWrapText(true);
        return l;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Node pad(Node n) {
        VBox box = new VBox(n);
        box.setPadding(new Insets(10));
        return box;
    }
}
