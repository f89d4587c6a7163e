import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.connectdoctor.ui.DesktopApp;

/**
 * The main window for the assets/window-*.png and history-after-restart-*.png screenshots: starts
 * the real DesktopApp (its settings file from -Dconnectdoctor.settings, its data folder from
 * CONNECT_DOCTOR_DATA), then, once shown, fills the form through its fields and presses Run.
 *   java -cp CP src/tools/WindowShot.java [TARGET [TIMEOUT]]   (no TARGET: selects the first history row)
 *   java -cp CP src/tools/WindowShot.java --compare   (selects the first history row and presses Compare)
 *   java -cp CP src/tools/WindowShot.java --menu "Connect Doctor help"    (fires that menu item)
 *   -Dshot.scrollTo=ID with a TARGET: once the explanation shows node #ID, scrolls it to the top
 * src/tools/window-screenshots.sh runs it under Xvfb.
 */
public final class WindowShot extends Application {
    private static String[] argv;

    public static void main(String[] args) {
        argv = args;
        launch(WindowShot.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        DesktopApp app = new DesktopApp();
        app.init();
        app.start(stage);
        stage.setX(0);
        stage.setY(0);
        Platform.runLater(() -> {
            if (argv.length == 2 && argv[0].equals("--menu")) {
                // a menu item by its words, as a click on it would: "Connect Doctor help", "socket(2) manual page"
                javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().lookup("#menu-bar");
                bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> argv[1].equals(i.getText()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no menu item " + argv[1])).fire();
                for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                    if (w != stage && w instanceof Stage other) {
                        other.setX(Math.max(0, stage.getWidth() - 600)); // the help window, beside the main one
                        other.setY(30);
                    }
                }
                return;
            }
            if (argv.length == 0 || argv[0].equals("--compare")) {
                @SuppressWarnings("unchecked")
                ListView<Object> list = (ListView<Object>) stage.getScene().lookup("#history");
                boolean compare = argv.length > 0;
                // the runs of earlier sessions are read in the background: select once they are there
                javafx.animation.Timeline wait = new javafx.animation.Timeline();
                wait.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(100), e -> {
                    if (list.getItems().isEmpty()) {
                        return;
                    }
                    wait.stop();
                    list.getSelectionModel().select(0);
                    list.requestFocus();
                    if (compare) {
                        Platform.runLater(() -> ((Button) stage.getScene().lookup("#history-compare")).fire());
                    }
                }));
                wait.setCycleCount(100);
                wait.play();
                return;
            }
            ((TextField) stage.getScene().lookup("#target")).setText(argv[0]);
            if (argv.length > 1) {
                ((TextField) stage.getScene().lookup("#timeout")).setText(argv[1]);
            }
            ((Button) stage.getScene().lookup("#run")).fire();
            String scrollTo = System.getProperty("shot.scrollTo");
            if (scrollTo != null) {
                // once the explanation shows that node, scroll the explanation so that it is at the top
                javafx.animation.Timeline wait = new javafx.animation.Timeline();
                int[] ticks = {0};
                wait.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(100), e -> {
                    javafx.scene.Node n = stage.getScene().lookup("#" + scrollTo);
                    javafx.scene.control.ScrollPane sp =
                            (javafx.scene.control.ScrollPane) stage.getScene().lookup("#explanation-scroll");
                    if (n == null || sp == null || sp.getContent() == null || n.getLayoutBounds().getHeight() <= 0) {
                        return;
                    }
                    if (++ticks[0] > 10) {
                        wait.stop(); // set again for a second: the pane lays out its content more than once
                    }
                    double y = sp.getContent().sceneToLocal(n.localToScene(0, 0)).getY() - 30;
                    double range = sp.getContent().getLayoutBounds().getHeight() - sp.getViewportBounds().getHeight();
                    sp.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, y / range)));
                }));
                wait.setCycleCount(200);
                wait.play();
            }
        });
    }
}
