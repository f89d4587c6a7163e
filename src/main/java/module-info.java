/**
 * Connect Doctor: a network troubleshooter that performs a real connect(2) and explains the errno.
 * Packages: net (the socket API's vocabulary), sys (JNA bindings, nothing else), probe (targets,
 * requests, the engine, reports), report (text and JSON), cli (picocli front end), ui (JavaFX).
 */
module org.connectdoctor {
    requires javafx.controls;
    requires org.controlsfx.controls;
    requires com.sun.jna;
    requires info.picocli;
    requires org.snakeyaml.engine.v2;
    requires java.naming; // LdapName: the common name of a certificate's subject

    exports org.connectdoctor.ui to javafx.graphics;
    opens org.connectdoctor.cli to info.picocli;
    opens org.connectdoctor.sys to com.sun.jna;
    opens org.connectdoctor.sys.linux to com.sun.jna;
    opens org.connectdoctor.sys.windows to com.sun.jna;
}
