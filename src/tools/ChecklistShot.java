import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.ui.ChecklistView;

/**
 * The Checklist window for assets/checklist.png: a profile of loopback fixtures (a listener, a
 * closed port, a silent peer, a Unix socket, a missing one), opened and run. Loopback only.
 * src/tools/checklist-screenshot.sh runs it under Xvfb.
 */
public final class ChecklistShot extends Application {
    public static void main(String[] args) {
        launch(ChecklistShot.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("checklist-shot");
        ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (true) {
                try (Socket s = web.accept()) {
                    s.getPort();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        var silent = NativeSockets.system().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
        Socket filler = new Socket();
        filler.connect(new InetSocketAddress("127.0.0.1", silent.localAddress().port()), 5000);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Path agent = dir.resolve("agent.sock");
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(agent), 10);
        Path profile = dir.resolve("accounting.yaml");
        Files.writeString(profile, "name: Accounting app (loopback demo)\ntimeout: 2s\nchecks:\n"
                + "  - {name: web front end, target: '127.0.0.1:" + web.getLocalPort() + "', tags: [web]}\n"
                + "  - {name: database, target: '127.0.0.1:" + silent.localAddress().port() + "', tags: [db]}\n"
                + "  - {name: telnet must stay closed, target: '127.0.0.1:" + closed + "', expect: blocked}\n"
                + "  - {name: local agent, target: '" + agent + "'}\n"
                + "  - {name: licence agent, target: '" + dir.resolve("licence.sock") + "'}\n"
                + "  - {name: old admin port, target: '127.0.0.1:" + closed + "', expect: reachable}\n");
        ChecklistView view = new ChecklistView(r -> new Thread(r).start(), () -> null, dir.resolve("recent.txt"));
        Scene scene = new Scene(view, 1180, 430);
        scene.getStylesheets().setAll(ChecklistView.class.getResource("light.css").toExternalForm(),
                ChecklistView.class.getResource("app.css").toExternalForm());
        stage.setTitle("Checklist \u2014 Connect Doctor");
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        view.open(profile).thenRun(() -> Platform.runLater(view::runAll));
    }
}
