package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Neighbour;
import org.connectdoctor.sys.NeighbourLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MIB_IPNET_TABLE2 as netioapi.h lays it out on Win64, written here field by field at the header's
 * offsets (rows from 8, 88 bytes each; InterfaceIndex at 28, State at 76), decoded back; and the
 * lookup the route check makes (#26 item 6: a host that never answered ARP).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NeighbourTableTest {

    private static byte[] table(int... rows) {
        int n = rows.length / 3;
        byte[] c = new byte[8 + n * 88];
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, n);
        for (int i = 0; i < n; i++) {
            int at = 8 + i * 88;
            b.putShort(at, (short) 2); // AF_INET in SOCKADDR_IN's sin_family
            int last = rows[i * 3];
            c[at + 4] = 10;
            c[at + 5] = 1;
            c[at + 6] = 2;
            c[at + 7] = (byte) last;
            b.putInt(at + 28, rows[i * 3 + 1]);
            b.putInt(at + 72, 6); // PhysicalAddressLength
            b.putInt(at + 76, rows[i * 3 + 2]);
        }
        return c;
    }

    @Test
    void rowsDecodeAtTheHeadersOffsets() {
        List<NeighbourTable.Row> rows = NeighbourTable.decode(table(1, 7, 5, 9, 7, 0, 9, 12, 1));
        assertEquals(3, rows.size());
        assertEquals("10.1.2.1", rows.get(0).address().host());
        assertEquals(7, rows.get(0).interfaceIndex());
        assertEquals(Neighbour.State.REACHABLE, rows.get(0).state());
        assertEquals(Neighbour.State.FAILED, rows.get(1).state(), "NlnsUnreachable: asked and given up");
        assertEquals(Neighbour.State.INCOMPLETE, rows.get(2).state());
    }

    @Test
    void aTableShorterThanItsCountIsReadAsFarAsItGoes() {
        byte[] c = table(1, 7, 5, 9, 7, 0);
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1000);
        assertEquals(2, NeighbourTable.decode(c).size());
    }

    @Test
    void theEntryOnTheRoutesInterfaceIsTheOneFound() {
        List<NeighbourTable.Row> rows = NeighbourTable.decode(table(9, 3, 5, 9, 7, 0));
        SockAddr host = new SockAddr.Inet4(0x0a010209, 0);
        NeighbourLookup n = NeighbourTable.find(rows, host, List.of(7), "Ethernet");
        assertTrue(n instanceof NeighbourLookup.Found f && f.neighbour().state().unanswered()
                && f.neighbour().device().equals("Ethernet"), n.toString());
        assertTrue(NeighbourTable.find(rows, new SockAddr.Inet4(0x0a010208, 0), List.of(), "Ethernet")
                instanceof NeighbourLookup.Absent);
        assertEquals(Neighbour.State.REACHABLE, ((NeighbourLookup.Found) NeighbourTable.find(rows, host, List.of(3),
                "Wi-Fi")).neighbour().state());
    }

    @Test
    void everyStateOfNlNeighborStateHasItsName() {
        assertEquals(List.of(Neighbour.State.FAILED, Neighbour.State.INCOMPLETE, Neighbour.State.PROBE,
                Neighbour.State.DELAY, Neighbour.State.STALE, Neighbour.State.REACHABLE, Neighbour.State.PERMANENT,
                Neighbour.State.NONE), java.util.stream.IntStream.rangeClosed(0, 7).mapToObj(NeighbourTable::state).toList());
    }
}
