/**
 * TLS after the connect: a handshake driven by an {@link javax.net.ssl.SSLEngine} over the probe's
 * own connected native socket ({@link org.connectdoctor.tls.TlsHandshake}), the chain the server
 * sent, its checks against the trust stores of Java and of the operating system
 * ({@link org.connectdoctor.tls.TrustStores}), and one {@link org.connectdoctor.tls.TlsVerdict}.
 * No JNA here: the socket is reached through {@link org.connectdoctor.sys.NativeSocket}.
 */
package org.connectdoctor.tls;
