package org.connectdoctor.sys;

/** The neighbour-table entry for one address, none, or that the table could not be read. */
public sealed interface NeighbourLookup {

    record Found(Neighbour neighbour) implements NeighbourLookup {
    }

    /** The table was read and holds no entry for the address. */
    record Absent() implements NeighbourLookup {
    }

    record Unknown(String reason) implements NeighbourLookup {
    }
}
