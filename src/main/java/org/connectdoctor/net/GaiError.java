package org.connectdoctor.net;

/**
 * getaddrinfo(3) failure codes by name. Like {@link Errno}, the numbers differ per operating
 * system and live in {@link NumberTable}.
 */
public enum GaiError {
    /** A code the operating system's table does not name; the raw number travels beside it. */
    UNKNOWN,
    EAI_ADDRFAMILY, EAI_AGAIN, EAI_BADFLAGS, EAI_BADHINTS, EAI_FAIL, EAI_FAMILY, EAI_MEMORY,
    EAI_NODATA, EAI_NONAME, EAI_OVERFLOW, EAI_PROTOCOL, EAI_SERVICE, EAI_SOCKTYPE, EAI_SYSTEM,
    EAI_INPROGRESS, EAI_CANCELED, EAI_NOTCANCELED, EAI_ALLDONE, EAI_INTR, EAI_IDN_ENCODE
}
