package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.connectdoctor.AppInfo;
import org.connectdoctor.man.LoadedPage;
import org.connectdoctor.man.ManEntry;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.man.PlainText;
import org.connectdoctor.report.Failure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connect-doctor man connect 2}: a man page as Connect Doctor reads it (SEE ALSO's targets too). */
@Command(name = "man",
        mixinStandardHelpOptions = true,
        description = {"Prints a man page the way the explanations read it: the system's page, or the bundled copy "
                + "when none is installed. NAME may also be written name(section), as SEE ALSO lists pages."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:no such page here, or the page could not be read", "2:bad usage",
            "4:the output could not be written (disk full, closed pipe)",
            "70:internal error (a one-line description is printed)"})
final class ManCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The page: connect, or connect(2).")
    String name;

    @Parameters(index = "1", paramLabel = "SECTION", arity = "0..1",
            description = "The section: 2 for system calls, 3 for library functions, 7 for overviews. "
                    + "Default: the first of 2, 3, 7 that has the page.")
    String section;

    @Option(names = "--entry", paramLabel = "ERRNO", description = "Print only the ERRORS entries for this code.")
    String entry;

    @Option(names = "--width", paramLabel = "COLUMNS", defaultValue = "80", description = "Line width. Default: ${DEFAULT-VALUE}.")
    int width;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ManRef> refs;
        try {
            ManRef written = ManRef.parse(name);
            if (written != null) {
                refs = List.of(written);
            } else if (section != null) {
                refs = List.of(new ManRef(name, section));
            } else {
                refs = List.of(new ManRef(name, "2"), new ManRef(name, "3"), new ManRef(name, "7"));
            }
        } catch (IllegalArgumentException e) {
            err.println(AppInfo.COMMAND + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (width < 30 || width > 400) {
            err.println(AppInfo.COMMAND + ": the width must lie between 30 and 400 columns.");
            return ExitCodes.USAGE;
        }
        ManPages pages = ManPages.system();
        Optional<LoadedPage> page = Optional.empty();
        for (ManRef ref : refs) {
            try {
                page = pages.find(ref);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return unreadable(err, ref.toString(), e);
            }
            if (page.isPresent()) {
                break;
            }
        }
        if (page.isEmpty()) {
            for (ManRef ref : refs) {
                Optional<String> why = pages.unreadable(ref);
                if (why.isPresent()) {
                    err.println(AppInfo.COMMAND + ": " + ref + ": " + why.get() + ", and no copy is bundled.");
                    return ExitCodes.FAILED;
                }
            }
            err.println(AppInfo.COMMAND + ": no man page " + (refs.size() == 1 ? refs.get(0) : name + " in sections 2, 3 or 7")
                    + " on this system, and none bundled." + (org.connectdoctor.net.Os.current() == org.connectdoctor.net.Os.LINUX
                    ? " (Debian: apt-get install manpages manpages-dev)" : ""));
            return ExitCodes.FAILED;
        }
        LoadedPage p = page.get();
        StringBuilder text = new StringBuilder();
        try {
            if (entry != null) {
                List<ManEntry> entries = p.page().entriesFor(entry.strip().toUpperCase(java.util.Locale.ROOT));
                if (entries.isEmpty()) {
                    err.println(AppInfo.COMMAND + ": " + p.page().ref() + " has no entry for " + entry + ".");
                    return ExitCodes.FAILED;
                }
                text.append(p.page().titleLine()).append("  [").append(p.source().description()).append("]\n");
                entries.forEach(e -> text.append(PlainText.render(e.block(), PlainText.INDENT, width)));
            } else {
                text.append('[').append(p.source().description()).append("]\n");
                text.append(PlainText.render(p.page(), width));
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return unreadable(err, p.page().ref() + " (" + p.source().description() + ")", e);
        }
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }

    private static int unreadable(PrintWriter err, String what, Throwable e) {
        err.println(AppInfo.COMMAND + ": the man page " + what + " could not be read (" + Failure.describe(e)
                + "); nothing was printed.");
        return ExitCodes.FAILED;
    }
}
