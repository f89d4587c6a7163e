package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command in a step is filled with the host as it is typed there; the prose keeps the name and its address. */
class CommandHostTest {

    @Test
    void aQuotedCommandGetsTheHostAsTypedAndTheSentenceTheNameWithItsAddress() {
        Map<String, String> facts = Map.of("host", "localhost (127.0.0.1)", Explainer.COMMAND_HOST, "localhost",
                "port", "5432");
        assertEquals("\"Test-NetConnection localhost -Port 5432\" in PowerShell repeats the test; localhost (127.0.0.1) "
                        + "answered.",
                Explainer.fill("\"Test-NetConnection {host} -Port {port}\" in PowerShell repeats the test; {host} answered.",
                        facts));
    }
}
