package org.connectdoctor.sys;

/** The IP transports whose socket tables a {@link HostState} lists. */
public enum Transport {
    TCP, UDP
}
