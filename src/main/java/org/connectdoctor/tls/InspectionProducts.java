package org.connectdoctor.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The table of TLS-inspection products (inspection-products.tsv), read once. */
public final class InspectionProducts {

    private record Row(Pattern pattern, String product, String source) {
    }

    private static final List<Row> ROWS = load();

    private InspectionProducts() {
    }

    private static List<Row> load() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = InspectionProducts.class.getResourceAsStream("inspection-products.tsv")) {
            if (in == null) {
                throw new IllegalStateException("inspection-products.tsv is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalStateException("inspection-products.tsv: not three columns: " + line);
                }
                rows.add(new Row(Pattern.compile(f[0], Pattern.CASE_INSENSITIVE), f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }

    /** How many products the table knows. */
    public static int size() {
        return ROWS.size();
    }

    /** The product whose name appears as an issuer or subject in {@code chain}, from the top down. */
    public static Optional<InspectionProduct> find(List<CertificateInfo> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            CertificateInfo c = chain.get(i);
            for (String name : List.of(c.issuer(), c.subject())) {
                for (Row row : ROWS) {
                    if (row.pattern.matcher(name).find()) {
                        return Optional.of(new InspectionProduct(row.product, row.source, name));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
