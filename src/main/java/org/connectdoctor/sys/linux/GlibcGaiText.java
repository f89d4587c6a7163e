package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import java.util.EnumMap;
import java.util.Map;
import org.connectdoctor.net.GaiError;

/**
 * gai_strerror(3)'s English texts, as glibc has them (sysdeps/posix/gai_strerror-strs.h; checked
 * against glibc 2.36 by GaiTextTest under LC_ALL=C). gai_strerror has no {@code _l} variant and
 * translates through the process locale, so the English text comes from this table.
 */
final class GlibcGaiText {

    /** What glibc answers for a code it does not know. */
    static final String UNKNOWN = "Unknown error";

    private static final Map<GaiError, String> TEXT = new EnumMap<>(GaiError.class);

    static {
        TEXT.put(GaiError.EAI_ADDRFAMILY, "Address family for hostname not supported");
        TEXT.put(GaiError.EAI_AGAIN, "Temporary failure in name resolution");
        TEXT.put(GaiError.EAI_BADFLAGS, "Bad value for ai_flags");
        TEXT.put(GaiError.EAI_FAIL, "Non-recoverable failure in name resolution");
        TEXT.put(GaiError.EAI_FAMILY, "ai_family not supported");
        TEXT.put(GaiError.EAI_MEMORY, "Memory allocation failure");
        TEXT.put(GaiError.EAI_NODATA, "No address associated with hostname");
        TEXT.put(GaiError.EAI_NONAME, "Name or service not known");
        TEXT.put(GaiError.EAI_SERVICE, "Servname not supported for ai_socktype");
        TEXT.put(GaiError.EAI_SOCKTYPE, "ai_socktype not supported");
        TEXT.put(GaiError.EAI_SYSTEM, "System error");
        TEXT.put(GaiError.EAI_INPROGRESS, "Processing request in progress");
        TEXT.put(GaiError.EAI_CANCELED, "Request canceled");
        TEXT.put(GaiError.EAI_NOTCANCELED, "Request not canceled");
        TEXT.put(GaiError.EAI_ALLDONE, "All requests done");
        TEXT.put(GaiError.EAI_INTR, "Interrupted by a signal");
        TEXT.put(GaiError.EAI_IDN_ENCODE, "Parameter string not correctly encoded");
    }

    private GlibcGaiText() {
    }

    /** The English text of {@code code}; glibc's "Unknown error" for a code it has no text for. */
    static String english(GaiError code) {
        return TEXT.getOrDefault(code, UNKNOWN);
    }
}
