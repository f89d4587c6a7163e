package org.connectdoctor.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.connectdoctor.AppInfo;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;

/**
 * The built-in help (F1): what the socket types, families, phases and verdicts mean, every
 * shortcut, and where settings and history are kept. Offline: nothing is fetched. The shortcut list
 * is read from the window's own menus, so it names every accelerator they have.
 */
final class HelpView {

    private final MenuBar menus;
    private final Path settingsFile;
    private final List<String[]> windowKeys;
    private final String history;
    private Stage stage;

    /**
     * @param menus        the window's menu bar, whose accelerators are listed
     * @param settingsFile where the settings are kept
     * @param windowKeys   shortcuts that are not menu items: {key, what it does}
     * @param history      where the run history is kept, in words
     */
    HelpView(MenuBar menus, Path settingsFile, List<String[]> windowKeys, String history) {
        this.history = history;
        this.menus = menus;
        this.settingsFile = settingsFile;
        this.windowKeys = List.copyOf(windowKeys);
    }

    /** Shows the help window (the same one again when it is open) in front of {@code owner}. */
    void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle(AppInfo.NAME + " help");
            ScrollPane scroll = new ScrollPane(content());
            scroll.setFitToWidth(true);
            Scene scene = new Scene(scroll, 720, 640);
            if (owner != null && owner.getScene() != null) {
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            }
            scene.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    stage.close();
                }
            });
            stage.setScene(scene);
        } else if (owner != null && owner.getScene() != null) {
            stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets()); // the theme may have changed
        }
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    Node content() {
        VBox box = new VBox(6);
        box.setId("help-view");
        box.setPadding(new Insets(14));
        box.getChildren().add(title(AppInfo.NAME + ": what the window shows"));
        box.getChildren().add(text("Type what an application fails to reach, choose the socket type it uses, and Run. "
                + "Connect Doctor makes the same system calls the application makes, shows each attempt with the exact "
                + "error the system returned, explains it with the manual's own words, and says what to do next."));

        box.getChildren().add(heading("Socket types"));
        GridPane types = grid("help-socket-types");
        for (SocketType t : SocketType.values()) {
            row(types, switch (t) {
                case STREAM -> "Stream (TCP)";
                case DGRAM -> "Datagram (UDP)";
                case SEQPACKET -> "Seqpacket";
            }, switch (t) {
                case STREAM -> "A connection with a handshake: web servers, databases, SSH, most services. The result "
                        + "is known as soon as the other side answers or refuses.";
                case DGRAM -> "Single messages without a handshake: DNS, NTP, syslog, games and media. Nothing "
                        + "confirms delivery: no reply can mean the service is there but silent, or that a firewall "
                        + "dropped the message.";
                case SEQPACKET -> "A connection that keeps message boundaries: SCTP telecoms links and some Unix "
                        + "sockets.";
            });
        }
        box.getChildren().add(types);

        box.getChildren().add(heading("Address families"));
        GridPane families = grid("help-families");
        for (FamilyChoice f : FamilyChoice.values()) {
            row(families, switch (f) {
                case AUTO -> "Auto";
                case IPV4 -> "IPv4";
                case IPV6 -> "IPv6";
                case UNIX -> "Unix";
            }, switch (f) {
                case AUTO -> "Every address the name has, IPv6 and IPv4, in the order the system prefers.";
                case IPV4 -> "IPv4 addresses only.";
                case IPV6 -> "IPv6 addresses only.";
                case UNIX -> TargetWords.unixFamily(org.connectdoctor.sys.Capabilities.current());
            });
        }
        box.getChildren().add(families);

        box.getChildren().add(heading("Phases: how far an attempt got"));
        GridPane phases = grid("help-phases");
        row(phases, "lookup", TargetWords.lookupPhase(org.connectdoctor.sys.Capabilities.current()));
        for (Phase p : Phase.values()) {
            row(phases, p.name().toLowerCase(java.util.Locale.ROOT), switch (p) {
                case SOCKET -> "Creating the socket, socket(2). Fails only when this computer refuses the type or "
                        + "family, or has run out of resources.";
                case BIND -> "Taking the source address or port you gave in Options (bind(2)).";
                case CONNECT -> "Starting the connection, connect(2); for datagrams, setting the peer address.";
                case WAIT -> "Waiting for the other side to answer, up to the time limit (poll(2)).";
                case VERIFY -> "Learning the result: the connection's error (SO_ERROR), or for datagrams sending "
                        + "the payload and waiting for a reply.";
            });
        }
        box.getChildren().add(phases);

        box.getChildren().add(heading("Verdicts"));
        GridPane verdicts = grid("help-verdicts");
        for (Outcome o : Outcome.values()) {
            row(verdicts, o.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), switch (o) {
                case CONNECTED -> "The connection was made: something listens there and accepted it.";
                case ANSWERED -> "The datagram got a reply.";
                case NO_REPLY -> "No reply and no error within the time limit. For UDP this is not a failure by "
                        + "itself: the service may be there and silent, or a firewall may drop the messages.";
                case FAILED -> "The system reported an error. Its name (ECONNREFUSED, EACCES, \u2026) is the exact "
                        + "reason; the explanation says what it means here and what to do.";
                case TIMED_OUT -> "The time limit passed while the connection was still being made: usually a "
                        + "firewall dropping packets, or a host that is down. Raise Timeout in Options to wait longer.";
                case RESOLUTION_FAILED -> "The name could not be turned into an address.";
                case LOOKUP_TIMED_OUT -> "The name lookup did not finish within the time limit.";
                case CANCELLED -> "You cancelled the probe; it is not a failure of the target.";
            });
        }
        box.getChildren().add(verdicts);

        box.getChildren().add(heading("Shortcuts"));
        GridPane keys = grid("help-shortcuts");
        for (String[] k : shortcuts()) {
            row(keys, k[0], k[1]);
        }
        box.getChildren().add(keys);

        box.getChildren().add(heading("Where things are kept"));
        GridPane where = grid("help-files");
        row(where, "Settings", settingsFile.toAbsolutePath().toString()
                + " (recent targets, window size, theme; written on every change).");
        row(where, "History", history);
        row(where, "Reports", "Only where you save them (Save\u2026); Copy for ticket puts the report on the clipboard "
                + "as Markdown.");
        row(where, "Manual pages", "Read from this computer's man pages; connect(2) is also bundled, for computers "
                + "without them. Nothing is fetched from the network.");
        box.getChildren().add(where);
        return box;
    }

    /** Every accelerator of the window's menus, then the window's other keys. */
    List<String[]> shortcuts() {
        List<String[]> out = new ArrayList<>();
        for (Menu m : menus.getMenus()) {
            collect(m, m.getText().replace("_", ""), out);
        }
        out.addAll(windowKeys);
        return out;
    }

    private static void collect(Menu menu, String path, List<String[]> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof SeparatorMenuItem) {
                continue;
            }
            String name = path + " \u203a " + item.getText().replace("_", "");
            if (item instanceof Menu sub) {
                collect(sub, name, out);
            } else if (item.getAccelerator() != null) {
                out.add(new String[] {item.getAccelerator().getDisplayText(), name});
            }
        }
    }

    private static GridPane grid(String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(14);
        g.setVgap(4);
        g.setPadding(new Insets(0, 0, 0, 12));
        javafx.scene.layout.ColumnConstraints first = new javafx.scene.layout.ColumnConstraints();
        first.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints second = new javafx.scene.layout.ColumnConstraints();
        second.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        second.setMinWidth(0);
        g.getColumnConstraints().addAll(first, second);
        return g;
    }

    private static void row(GridPane g, String term, String meaning) {
        int r = g.getRowCount();
        Label t = new Label(term);
        t.setStyle("-fx-font-weight: bold;");
        t.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setValignment(t, javafx.geometry.VPos.TOP);
        g.add(t, 0, r);
        g.add(text(meaning), 1, r);
    }

    private static Label title(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.PANE_TITLE);
        l.setWrapText(true);
        return l;
    }

    private static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        l.setPadding(new Insets(8, 0, 0, 0));
        return l;
    }

    private static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
