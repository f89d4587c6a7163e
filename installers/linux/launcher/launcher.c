/*
 * Connect Doctor's Linux launcher: replaces the two launchers jpackage puts in the app image's bin/
 * (installers/linux/launcher/install.sh compiles it and copies it over both).
 *
 * Why our own: jpackage's Linux launcher dies with SIGSEGV once the command line passes about 64 KB
 * (JDK-8380085), and on every start it runs `rpm -qf` and `dpkg -S` on its own path, which costs
 * 0.15 s or more and hangs with the package manager. This one execs the image's java and nothing
 * else, with the arguments unchanged.
 *
 * What it does, as jpackage's launcher does it:
 *  - finds the image from /proc/self/exe, so a symlink (/usr/bin/connect-doctor) leads to the real
 *    /opt/connect-doctor/bin/connect-doctor;
 *  - reads lib/app/<its own name>.cfg, the file jpackage wrote from installers/common/jpackage-common.txt
 *    (the one place the Java options are written down): app.mainmodule from [Application], every
 *    java-options= line from [JavaOptions], with $APPDIR, $BINDIR and $ROOTDIR replaced;
 *  - adds -XX:SharedArchiveFile=lib/app/<its own name>.jsa when that application CDS archive exists
 *    and the .cfg names none (the build that records it may fail or be skipped: then the runtime's
 *    default archive serves alone). One archive per launcher: the window's holds JavaFX and is six
 *    times the size of the command line's, and mapping it costs a command-line run 17 MB of RSS;
 *  - unless GDK_GL is set in the environment: sets GDK_GL=disable and adds -Dprism.order=sw. GTK 3
 *    otherwise opens OpenGL at start-up only to pick an X visual, and JavaFX tries its ES2 pipeline
 *    first; on machines without a GPU driver JavaFX qualifies (Mesa's llvmpipe, every VM) both map
 *    libLLVM and swrast (50 MB of RSS, measured under Xvfb) before JavaFX falls back to software
 *    rendering anyway. A form-and-text window draws as well in software. Setting GDK_GL to anything
 *    (GDK_GL=always) keeps both defaults: GTK's GL and JavaFX's ES2 pipeline;
 *  - execs lib/runtime/bin/java OPTIONS... -m MODULE ARGS...
 * Anything it cannot do (no /proc, no .cfg, no java) ends with one line on stderr and exit 127, and
 * so do two things the JVM itself would answer with a trace and exit 1 (the code of a failed
 * connection): a current folder that was deleted, and an address-space limit (ulimit -v) too small
 * for any Java runtime. A limit the runtime fits in with smaller reservations gets them (heap a
 * quarter of the limit, 64 MiB class space, 32 MiB code cache, two malloc arenas).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/*
 * The least address space (ulimit -v) the runtime starts in with the options below, measured on
 * JDK 17 with the serial collector: 586 MiB ran a probe with its explanation, 390 MiB did not.
 */
#define MIN_ADDRESS_SPACE_MIB 512
/* Below this limit HotSpot's defaults (a 1 GiB class space, a heap of a quarter of the RAM) do not fit. */
#define SMALL_ADDRESS_SPACE_MIB 8192

static const char *self = "connect-doctor";

static void die(const char *what, const char *path, int err) {
    if (err) {
        fprintf(stderr, "%s: cannot start: %s %s: %s\n", self, what, path, strerror(err));
    } else {
        fprintf(stderr, "%s: cannot start: %s %s\n", self, what, path);
    }
    exit(127);
}

static char *join(const char *a, const char *b) {
    char *s;
    if (asprintf(&s, "%s%s", a, b) < 0) {
        die("out of memory", "", ENOMEM);
    }
    return s;
}

/* The value with $APPDIR, $BINDIR and $ROOTDIR replaced, as jpackage's launcher does. */
static char *expand(const char *value, const char *appdir, const char *bindir, const char *rootdir) {
    static const char *const names[] = {"$APPDIR", "$BINDIR", "$ROOTDIR"};
    const char *dirs[] = {appdir, bindir, rootdir};
    char *out = strdup("");
    const char *p = value;
    while (out != NULL && *p) {
        int matched = 0;
        for (int i = 0; i < 3 && !matched; i++) {
            size_t n = strlen(names[i]);
            if (strncmp(p, names[i], n) == 0) {
                char *next = join(out, dirs[i]);
                free(out);
                out = next;
                p += n;
                matched = 1;
            }
        }
        if (!matched) {
            char one[2] = {*p++, 0};
            char *next = join(out, one);
            free(out);
            out = next;
        }
    }
    if (out == NULL) {
        die("out of memory", "", ENOMEM);
    }
    return out;
}

int main(int argc, char **argv) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n < 0) {
        die("cannot read", "/proc/self/exe", errno);
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash == NULL) {
        die("an unexpected path of its own,", exe, 0);
    }
    self = slash + 1;
    *slash = 0;
    char *bindir = strdup(exe);
    char *up = strrchr(exe, '/');
    if (bindir == NULL || up == NULL) {
        die("an unexpected location,", exe, 0);
    }
    *up = 0;
    char *rootdir = strdup(*exe ? exe : "/");
    char *appdir = join(rootdir, "/lib/app");
    char *java = join(rootdir, "/lib/runtime/bin/java");
    char *cfgpath;
    if (asprintf(&cfgpath, "%s/%s.cfg", appdir, self) < 0) {
        die("out of memory", "", ENOMEM);
    }

    FILE *cfg = fopen(cfgpath, "r");
    if (cfg == NULL) {
        die("cannot read", cfgpath, errno);
    }
    /* java, the options, the .cfg's own lines at most, the archive, -m MODULE, the arguments, NULL. */
    size_t cap = 16, count = 0;
    char **options = malloc(cap * sizeof *options);
    char *module = NULL;
    int has_archive_option = 0;
    char *line = NULL;
    size_t linecap = 0;
    ssize_t len;
    enum { OTHER, APPLICATION, JAVA_OPTIONS } section = OTHER;
    while (options != NULL && (len = getline(&line, &linecap, cfg)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
            line[--len] = 0;
        }
        if (line[0] == '[') {
            section = strcmp(line, "[Application]") == 0 ? APPLICATION
                    : strcmp(line, "[JavaOptions]") == 0 ? JAVA_OPTIONS : OTHER;
        } else if (section == APPLICATION && strncmp(line, "app.mainmodule=", 15) == 0) {
            free(module);
            module = expand(line + 15, appdir, bindir, rootdir);
        } else if (section == JAVA_OPTIONS && strncmp(line, "java-options=", 13) == 0) {
            if (count == cap) {
                cap *= 2;
                options = realloc(options, cap * sizeof *options);
                if (options == NULL) {
                    break;
                }
            }
            options[count] = expand(line + 13, appdir, bindir, rootdir);
            if (strncmp(options[count], "-XX:SharedArchiveFile=", 22) == 0) {
                has_archive_option = 1;
            }
            count++;
        }
    }
    if (options == NULL) {
        die("out of memory", "", ENOMEM);
    }
    if (ferror(cfg)) {
        die("cannot read", cfgpath, errno);
    }
    fclose(cfg);
    free(line);
    if (module == NULL || *module == 0) {
        die("no app.mainmodule= in", cfgpath, 0);
    }

    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL && errno == ENOENT) {
        fprintf(stderr, "%s: cannot start: the current folder no longer exists (it was deleted or moved); "
                "change to another folder (cd ~) and run the command again\n", self);
        exit(127);
    }
    char *small_limit[3] = {NULL, NULL, NULL};
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
        unsigned long long mib = (unsigned long long) as.rlim_cur / (1024 * 1024);
        if (mib < MIN_ADDRESS_SPACE_MIB) {
            fprintf(stderr, "%s: cannot start: the address-space limit (ulimit -v) is %llu MiB, and the Java "
                    "runtime needs at least %d MiB; raise it (ulimit -v %d) and run the command again\n",
                    self, mib, MIN_ADDRESS_SPACE_MIB, MIN_ADDRESS_SPACE_MIB * 1024);
            exit(127);
        }
        if (mib < SMALL_ADDRESS_SPACE_MIB) {
            if (asprintf(&small_limit[0], "-Xmx%llum", mib / 4) < 0) {
                die("out of memory", "", ENOMEM);
            }
            small_limit[1] = "-XX:CompressedClassSpaceSize=64m";
            small_limit[2] = "-XX:ReservedCodeCacheSize=32m";
            if (setenv("MALLOC_ARENA_MAX", "2", 0) != 0) {
                die("cannot set MALLOC_ARENA_MAX", "", errno);
            }
        }
    }

    char **args = malloc((1 + count + 1 + 1 + 3 + 2 + (size_t) argc) * sizeof *args);
    if (args == NULL) {
        die("out of memory", "", ENOMEM);
    }
    size_t k = 0;
    args[k++] = java;
    for (size_t i = 0; i < count; i++) {
        args[k++] = options[i];
    }
    char *archive;
    if (asprintf(&archive, "%s/%s.jsa", appdir, self) < 0) {
        die("out of memory", "", ENOMEM);
    }
    if (!has_archive_option && access(archive, R_OK) == 0) {
        args[k++] = join("-XX:SharedArchiveFile=", archive);
    }
    for (int i = 0; i < 3; i++) {
        if (small_limit[i] != NULL) {
            args[k++] = small_limit[i];
        }
    }
    if (getenv("GDK_GL") == NULL) {
        if (setenv("GDK_GL", "disable", 0) != 0) {
            die("cannot set GDK_GL", "", errno);
        }
        args[k++] = "-Dprism.order=sw";
    }
    args[k++] = "-m";
    args[k++] = module;
    for (int i = 1; i < argc; i++) {
        args[k++] = argv[i];
    }
    args[k] = NULL;
    execv(java, args);
    die("cannot run", java, errno);
}
