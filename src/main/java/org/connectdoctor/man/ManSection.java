package org.connectdoctor.man;

import java.util.List;

/** One .SH section: its heading (NAME, ERRORS, SEE ALSO, …) and its blocks. */
public record ManSection(String heading, List<Block> blocks) {
    public ManSection {
        blocks = List.copyOf(blocks);
    }
}
