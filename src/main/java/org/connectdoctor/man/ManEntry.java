package org.connectdoctor.man;

import java.util.List;

/**
 * One entry of a page's ERRORS list: the errno names its tag holds ("EACCES, EPERM" holds two)
 * and the entry itself.
 */
public record ManEntry(List<String> names, Block.Tagged block) {
    public ManEntry {
        names = List.copyOf(names);
    }

    /** The entry's text without styles, on one line. */
    public String plainText() {
        return PlainText.flatten(block.body());
    }
}
