package org.connectdoctor.tls;

/**
 * A TLS-inspecting product recognised by a certificate name in the chain.
 *
 * @param product the product's name
 * @param source  where the name the table matches comes from
 * @param matched the certificate name (RFC 2253) that matched
 */
public record InspectionProduct(String product, String source, String matched) {
}
