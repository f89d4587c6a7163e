package org.connectdoctor.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One operating system's numbers for a set of symbolic names (errno values or getaddrinfo
 * codes), read from a tab-separated table shipped as a resource. This is the single place where
 * a symbol meets its number: {@code NAME<TAB>NUMBER[<TAB>comment]}, or {@code NAME<TAB>=OTHER}
 * for an alias such as EWOULDBLOCK = EAGAIN. A number maps back to the first name that gave it.
 * On Windows the third column is the native name (WSAECONNREFUSED, WSAHOST_NOT_FOUND): Winsock
 * spells its codes differently from errno, and reports should show the name the system uses.
 *
 * @param <E> the symbol type
 */
public final class NumberTable<E extends Enum<E>> {

    private static final Map<Os, NumberTable<Errno>> ERRNO = new EnumMap<>(Os.class);
    private static final Map<Os, NumberTable<GaiError>> GAI = new EnumMap<>(Os.class);

    private final Os os;
    private final Map<E, Integer> numbers;
    private final Map<Integer, E> symbols;
    private final Map<E, String> nativeNames;
    private final E unknown;

    private NumberTable(Os os, Map<E, Integer> numbers, Map<Integer, E> symbols, Map<E, String> nativeNames,
                        E unknown) {
        this.os = os;
        this.numbers = Collections.unmodifiableMap(numbers);
        this.symbols = Collections.unmodifiableMap(symbols);
        this.nativeNames = Collections.unmodifiableMap(nativeNames);
        this.unknown = unknown;
    }

    /** The errno table of {@code os}. */
    public static synchronized NumberTable<Errno> errno(Os os) {
        return ERRNO.computeIfAbsent(os, o -> load(o, "errno", Errno.class, Errno.UNKNOWN));
    }

    /** The getaddrinfo return-code table of {@code os}. */
    public static synchronized NumberTable<GaiError> gai(Os os) {
        return GAI.computeIfAbsent(os, o -> load(o, "gai", GaiError.class, GaiError.UNKNOWN));
    }

    public Os os() {
        return os;
    }

    /** The number {@code symbol} has on this system, empty when the system lacks it. */
    public OptionalInt number(E symbol) {
        Integer n = numbers.get(symbol);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** The name of {@code number}, or the UNKNOWN constant when the table does not list it. */
    public E symbol(int number) {
        return symbols.getOrDefault(number, unknown);
    }

    /**
     * The name this system itself gives {@code symbol}: WSAECONNREFUSED for ECONNREFUSED on
     * Windows (an alias gets its primary's name); on Linux and macOS the errno name itself.
     */
    /**
     * The reporting system's name for an error a record keeps as its POSIX symbol and number
     * (the history): WSAECONNREFUSED for ECONNREFUSED with 10061, WSAHOST_NOT_FOUND for EAI_NONAME
     * with 11001; the symbol itself for Linux and macOS numbers, which stay below 10000.
     */
    public static String nativeSymbol(String symbol, Integer number) {
        if (symbol == null || number == null || number < 10000) {
            return symbol;
        }
        try {
            if (symbol.startsWith("EAI_")) {
                GaiError g = GaiError.valueOf(symbol);
                NumberTable<GaiError> t = gai(Os.WINDOWS);
                return t.number(g).orElse(Integer.MIN_VALUE) == number ? t.nativeName(g) : symbol;
            }
            Errno e = Errno.valueOf(symbol);
            NumberTable<Errno> t = errno(Os.WINDOWS);
            return t.number(e).orElse(Integer.MIN_VALUE) == number ? t.nativeName(e) : symbol;
        } catch (IllegalArgumentException notAName) {
            return symbol;
        }
    }

    public String nativeName(E symbol) {
        return nativeNames.getOrDefault(symbol, symbol.name());
    }

    /** Every symbol this system gives a number, aliases included. */
    public Map<E, Integer> numbers() {
        return numbers;
    }

    private static <E extends Enum<E>> NumberTable<E> load(Os os, String kind, Class<E> type, E unknown) {
        String resource = kind + "-" + os.tableSuffix() + ".tsv";
        Map<E, Integer> numbers = new EnumMap<>(type);
        Map<Integer, E> symbols = new HashMap<>();
        Map<E, E> aliases = new EnumMap<>(type);
        Map<E, String> nativeNames = new EnumMap<>(type);
        try (InputStream in = NumberTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                if (cells.length < 2) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected NAME<TAB>NUMBER");
                }
                E symbol = Enum.valueOf(type, cells[0].trim());
                String value = cells[1].trim();
                if (value.startsWith("=")) {
                    aliases.put(symbol, Enum.valueOf(type, value.substring(1)));
                } else {
                    int number = Integer.parseInt(value);
                    numbers.put(symbol, number);
                    if (os == Os.WINDOWS) {
                        if (cells.length < 3 || cells[2].isBlank()) {
                            throw new IllegalStateException(resource + ":" + lineNo + ": expected NAME<TAB>NUMBER<TAB>WSANAME");
                        }
                        nativeNames.put(symbol, cells[2].trim());
                    }
                    symbols.putIfAbsent(number, symbol);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        aliases.forEach((alias, primary) -> {
            Integer n = numbers.get(primary);
            if (n == null) {
                throw new IllegalStateException(resource + ": alias " + alias + " names unknown " + primary);
            }
            numbers.put(alias, n);
            String primaryName = nativeNames.get(primary);
            if (primaryName != null) {
                nativeNames.put(alias, primaryName);
            }
        });
        return new NumberTable<>(os, numbers, symbols, nativeNames, unknown);
    }
}
