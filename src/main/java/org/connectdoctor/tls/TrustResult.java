package org.connectdoctor.tls;

/**
 * What one trust store said about the chain.
 *
 * @param kind        whose store
 * @param description the store, with its location
 * @param readable    the store could be read
 * @param unreadable  why it could not, or null
 * @param trusted     a chain from the server's certificate to one of the store's authorities exists
 * @param anchor      the subject of the authority that ends that chain, or null
 */
public record TrustResult(TrustSource.Kind kind, String description, boolean readable, String unreadable,
                          boolean trusted, String anchor) {
}
