package org.connectdoctor.explain;

import org.connectdoctor.man.Block;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.man.PageSource;

/**
 * One man-page entry as an explanation quotes it.
 *
 * @param page      the page (connect(2))
 * @param titleLine the page's title line, as the page gives it
 * @param source    installed or bundled, and where from
 * @param entry     the tagged entry itself (tag and body, with their fonts)
 */
public record ManQuote(ManRef page, String titleLine, PageSource source, Block.Tagged entry) {
}
