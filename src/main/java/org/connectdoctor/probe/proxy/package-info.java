/**
 * The proxy that applications using this computer's setting go through, chosen for one target from
 * the settings the sys seam reads ({@link org.connectdoctor.sys.HostState#proxySettings()}), and the
 * probe through an HTTP proxy: CONNECT over the product's own connected socket, with its own
 * verdicts. No JNA here; a PAC file is never run by this code.
 */
package org.connectdoctor.probe.proxy;
