package echoargs;

/**
 * The argument echo of src/test/wine/portable-test.sh: started by a copy of the zip's own
 * connect-doctor.exe (with its own .cfg), it prints each argument it received on one line, as
 * [text] with every character outside printable ASCII written as \\uXXXX, so the test compares
 * exactly what reached Java, whatever the console's code page.
 */
public final class EchoArgs {
    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            out.append('[');
            for (char c : arg.toCharArray()) {
                if (c >= 0x20 && c < 0x7f && c != '\\') {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            out.append("]\n");
        }
        System.out.print(out);
        System.exit(args.length == 0 ? 0 : 7);
    }
}
