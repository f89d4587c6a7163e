package org.connectdoctor.sys.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Neighbour;
import org.connectdoctor.sys.NeighbourLookup;

/**
 * The neighbour table (ARP for IPv4, neighbour discovery for IPv6) through GetIpNetTable2, what
 * {@code Get-NetNeighbor} and {@code arp -a} show: whether a host on an attached network answered
 * when this computer asked for its hardware address. Layouts from netioapi.h and nldef.h (Win64):
 *
 * <pre>
 * MIB_IPNET_TABLE2: ULONG NumEntries; rows from 8 (MIB_IPNET_ROW2 holds a ULONG64)
 * MIB_IPNET_ROW2 (88):
 *   0 SOCKADDR_INET Address (28)
 *  28 NET_IFINDEX InterfaceIndex
 *  32 NET_LUID InterfaceLuid
 *  40 UCHAR PhysicalAddress[32]
 *  72 ULONG PhysicalAddressLength
 *  76 NL_NEIGHBOR_STATE State: 0 Unreachable, 1 Incomplete, 2 Probe, 3 Delay, 4 Stale, 5 Reachable, 6 Permanent
 *  80 UCHAR Flags (IsRouter, IsUnreachable)
 *  84 ULONG ReachabilityTime
 * </pre>
 */
final class NeighbourTable {

    static final int ROWS = 8;
    static final int SIZEOF_ROW = 88;
    static final int ROW_INTERFACE_INDEX = 28;
    static final int ROW_STATE = 76;
    /** AF_UNSPEC: both families. */
    private static final int AF_UNSPEC = 0;

    /** Entries beyond this are not read: a table of more hosts is not a desk computer's. */
    private static final int MAX_ROWS = 65_536;

    static final class Lib {
        static {
            Native.register(Lib.class, NativeLibrary.getInstance("iphlpapi"));
        }

        private Lib() {
        }

        /** GetIpNetTable2: the neighbour table of {@code family}, allocated by the system; NO_ERROR or an error code. */
        static native int GetIpNetTable2(int family, PointerByReference table);

        /** FreeMibTable: frees a table the IP Helper functions allocated. */
        static native void FreeMibTable(Pointer table);
    }

    /** One row: the fields a verdict needs. */
    record Row(SockAddr address, int interfaceIndex, Neighbour.State state) {
    }

    private NeighbourTable() {
    }

    /** The rows of a MIB_IPNET_TABLE2 copied into {@code c}. */
    static List<Row> decode(byte[] c) {
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        long n = Integer.toUnsignedLong(b.getInt(0));
        List<Row> out = new ArrayList<>();
        for (long i = 0; i < n && ROWS + (i + 1) * SIZEOF_ROW <= c.length; i++) {
            int at = (int) (ROWS + i * SIZEOF_ROW);
            SockAddr a = IpHlpLayout.decodeSockaddrInet(c, at);
            if (a != null) {
                out.add(new Row(a, b.getInt(at + ROW_INTERFACE_INDEX), state(b.getInt(at + ROW_STATE))));
            }
        }
        return out;
    }

    /** NL_NEIGHBOR_STATE as the states {@code ip neigh} and {@code Get-NetNeighbor} share. */
    static Neighbour.State state(int s) {
        return switch (s) {
            case 0 -> Neighbour.State.FAILED; // NlnsUnreachable: asked, no answer, given up
            case 1 -> Neighbour.State.INCOMPLETE;
            case 2 -> Neighbour.State.PROBE;
            case 3 -> Neighbour.State.DELAY;
            case 4 -> Neighbour.State.STALE;
            case 5 -> Neighbour.State.REACHABLE;
            case 6 -> Neighbour.State.PERMANENT;
            default -> Neighbour.State.NONE;
        };
    }

    /**
     * The entry for {@code address} on the interface whose index is in {@code indexes} (empty: any).
     *
     * @param device the interface's name, given to the entry found
     */
    static NeighbourLookup find(List<Row> rows, SockAddr address, List<Integer> indexes, String device) {
        for (Row r : rows) {
            if (r.address().equals(address) && (indexes.isEmpty() || indexes.contains(r.interfaceIndex()))) {
                return new NeighbourLookup.Found(new Neighbour(address, device, r.state()));
            }
        }
        return new NeighbourLookup.Absent();
    }

    /** The table as the system has it now; Unknown with the reason where the call is missing or fails. */
    static org.connectdoctor.sys.Read<List<Row>> read() {
        PointerByReference table = new PointerByReference();
        int rc;
        try {
            rc = Lib.GetIpNetTable2(AF_UNSPEC, table);
        } catch (LinkageError e) {
            return org.connectdoctor.sys.Read.unknown("GetIpNetTable2 is not available here (" + e.getMessage()
                    + "); Get-NetNeighbor shows the table");
        }
        if (rc != WinSystem.NO_ERROR) {
            return org.connectdoctor.sys.Read.unknown("GetIpNetTable2 failed: " + WindowsHostState.systemError(rc)
                    + "; Get-NetNeighbor shows the table");
        }
        Pointer p = table.getValue();
        if (p == null) {
            return org.connectdoctor.sys.Read.known(List.of());
        }
        try {
            long n = Math.min(Integer.toUnsignedLong(p.getInt(0)), MAX_ROWS);
            byte[] c = p.getByteArray(0, (int) (ROWS + n * SIZEOF_ROW));
            ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) n);
            return org.connectdoctor.sys.Read.known(decode(c));
        } finally {
            Lib.FreeMibTable(p);
        }
    }
}
