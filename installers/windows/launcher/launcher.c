/*
 * Connect Doctor's Windows launchers for the portable zip (installers/windows/build-portable.sh builds
 * both from this file with mingw-w64):
 *   connect-doctor.exe    the console command line (console subsystem): runs runtime\bin\java.exe,
 *                         waits, and exits with its exit code, so probe output and exit codes reach
 *                         the shell;
 *   Connect Doctor.exe    the window (GUI subsystem, -DCD_GUI): runs runtime\bin\javaw.exe, so no
 *                         console window opens.
 *
 * What it does, as the Linux launcher (installers/linux/launcher/launcher.c) does it:
 *  - finds its own folder from GetModuleFileNameW, so a shortcut or a PATH entry leads to the real
 *    folder; the zip's layout is jpackage's Windows app image: <root>\<launcher>.exe, <root>\app,
 *    <root>\runtime;
 *  - reads app\<its own name>.cfg, the file build-portable.sh writes from
 *    installers/common/jpackage-common.txt (the one place the Java options are written down), in
 *    jpackage's format: app.mainmodule from [Application], every java-options= line from
 *    [JavaOptions], with $APPDIR, $BINDIR and $ROOTDIR replaced (UTF-8);
 *  - runs runtime\bin\java.exe OPTIONS... -m MODULE ARGS... with CreateProcessW. The user's
 *    arguments are split by CommandLineToArgvW and each one, like each option, is quoted again by
 *    the rules the Microsoft C runtime and java.exe parse with (quote_argument below), so what the
 *    program receives is exactly what the user typed. An argument with * or ? is always quoted:
 *    java.exe expands wildcards in unquoted arguments, and a pattern the user quoted must not be
 *    expanded by us. One limit is java.exe's, not this launcher's: JDK 17's java.exe reads its
 *    command line in the ANSI code page (GetCommandLineA), so a character outside it (日本 on a
 *    Windows-1252 system) reaches the program as "?".
 * Anything it cannot do (no .cfg, no runtime) ends with one line on stderr (the console launcher) or
 * one message box (the window's) and exit code 127.
 */
#define WIN32_LEAN_AND_MEAN
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#ifdef CD_GUI
#define JAVA L"javaw.exe"
#else
#define JAVA L"java.exe"
#endif

static wchar_t self[MAX_PATH] = L"connect-doctor";

static void die(const wchar_t *what, const wchar_t *detail) {
    wchar_t message[4096];
    _snwprintf(message, sizeof message / sizeof message[0] - 1, L"%ls: cannot start: %ls%ls", self, what,
               detail == NULL ? L"" : detail);
    message[sizeof message / sizeof message[0] - 1] = 0;
#ifdef CD_GUI
    MessageBoxW(NULL, message, self, MB_OK | MB_ICONERROR);
#else
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    DWORD written;
    DWORD mode;
    if (err != INVALID_HANDLE_VALUE && err != NULL && GetConsoleMode(err, &mode)) {
        WriteConsoleW(err, message, (DWORD) wcslen(message), &written, NULL);
        WriteConsoleW(err, L"\r\n", 2, &written, NULL);
    } else {
        /* redirected: UTF-8, as the program's own output is */
        char bytes[16384];
        int n = WideCharToMultiByte(CP_UTF8, 0, message, -1, bytes, sizeof bytes - 2, NULL, NULL);
        if (n > 0) {
            bytes[n - 1] = '\n';
            fwrite(bytes, 1, (size_t) n, stderr);
            fflush(stderr);
        }
    }
#endif
    ExitProcess(127);
}

static void *grab(size_t bytes) {
    void *p = malloc(bytes);
    if (p == NULL) {
        die(L"out of memory", NULL);
    }
    return p;
}

static wchar_t *concat(const wchar_t *a, const wchar_t *b) {
    size_t n = wcslen(a), m = wcslen(b);
    wchar_t *s = grab((n + m + 1) * sizeof *s);
    memcpy(s, a, n * sizeof *s);
    memcpy(s + n, b, (m + 1) * sizeof *s);
    return s;
}

/* The value with $APPDIR, $BINDIR and $ROOTDIR replaced, as jpackage's launcher does. */
static wchar_t *expand(const wchar_t *value, const wchar_t *appdir, const wchar_t *bindir, const wchar_t *rootdir) {
    static const wchar_t *const names[] = {L"$APPDIR", L"$BINDIR", L"$ROOTDIR"};
    const wchar_t *dirs[] = {appdir, bindir, rootdir};
    wchar_t *out = concat(L"", L"");
    const wchar_t *p = value;
    while (*p) {
        int matched = 0;
        for (int i = 0; i < 3 && !matched; i++) {
            size_t n = wcslen(names[i]);
            if (wcsncmp(p, names[i], n) == 0) {
                wchar_t *next = concat(out, dirs[i]);
                free(out);
                out = next;
                p += n;
                matched = 1;
            }
        }
        if (!matched) {
            wchar_t one[2] = {*p++, 0};
            wchar_t *next = concat(out, one);
            free(out);
            out = next;
        }
    }
    return out;
}

/*
 * Appends one argument to the command line so that the Microsoft C runtime's parser (and java.exe's,
 * which follows it) gives it back unchanged: no quotes when none are needed; otherwise in double
 * quotes, with every run of backslashes before a double quote doubled and the quote escaped, and
 * the backslashes before the closing quote doubled.
 */
static void quote_argument(const wchar_t *arg, wchar_t *out, size_t *k) {
    if (*arg != 0 && wcspbrk(arg, L" \t\n\v\"*?") == NULL) {
        size_t n = wcslen(arg);
        memcpy(out + *k, arg, n * sizeof *out);
        *k += n;
        return;
    }
    out[(*k)++] = L'"';
    for (const wchar_t *p = arg;; p++) {
        size_t backslashes = 0;
        while (*p == L'\\') {
            p++;
            backslashes++;
        }
        if (*p == 0) {
            for (size_t i = 0; i < backslashes * 2; i++) {
                out[(*k)++] = L'\\';
            }
            break;
        }
        if (*p == L'"') {
            for (size_t i = 0; i < backslashes * 2 + 1; i++) {
                out[(*k)++] = L'\\';
            }
        } else {
            for (size_t i = 0; i < backslashes; i++) {
                out[(*k)++] = L'\\';
            }
        }
        out[(*k)++] = *p;
    }
    out[(*k)++] = L'"';
}

/* The worst case of quote_argument: every character a backslash before a quote, plus the quotes. */
static size_t quoted_length(const wchar_t *arg) {
    return wcslen(arg) * 2 + 3;
}

static wchar_t *utf8_to_wide(const char *s) {
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    if (n <= 0) {
        die(L"a line that is not UTF-8 in the launcher's .cfg", NULL);
    }
    wchar_t *w = grab((size_t) n * sizeof *w);
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

int main(void) {
    wchar_t exe[32768];
    DWORD n = GetModuleFileNameW(NULL, exe, sizeof exe / sizeof exe[0]);
    if (n == 0 || n >= sizeof exe / sizeof exe[0]) {
        die(L"cannot find its own path", NULL);
    }
    wchar_t *slash = wcsrchr(exe, L'\\');
    if (slash == NULL) {
        die(L"an unexpected path of its own, ", exe);
    }
    *slash = 0;
    const wchar_t *name = slash + 1;
    size_t name_length = wcslen(name);
    if (name_length > 4 && _wcsicmp(name + name_length - 4, L".exe") == 0) {
        name_length -= 4;
    }
    if (name_length >= sizeof self / sizeof self[0]) {
        name_length = sizeof self / sizeof self[0] - 1;
    }
    wmemcpy(self, name, name_length);
    self[name_length] = 0;
    const wchar_t *rootdir = exe;
    const wchar_t *bindir = exe;
    wchar_t *appdir = concat(rootdir, L"\\app");
    wchar_t *java = concat(rootdir, L"\\runtime\\bin\\" JAVA);
    wchar_t *cfgpath = concat(concat(concat(appdir, L"\\"), self), L".cfg");

    if (GetFileAttributesW(java) == INVALID_FILE_ATTRIBUTES) {
        die(L"the Java runtime is missing: ", java);
    }
    FILE *cfg = _wfopen(cfgpath, L"rb");
    if (cfg == NULL) {
        die(L"cannot read ", cfgpath);
    }
    size_t cap = 16, count = 0;
    wchar_t **options = grab(cap * sizeof *options);
    wchar_t *module = NULL;
    char line[32768];
    enum { OTHER, APPLICATION, JAVA_OPTIONS } section = OTHER;
    while (fgets(line, sizeof line, cfg) != NULL) {
        size_t len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
            line[--len] = 0;
        }
        if (line[0] == '[') {
            section = strcmp(line, "[Application]") == 0 ? APPLICATION
                    : strcmp(line, "[JavaOptions]") == 0 ? JAVA_OPTIONS : OTHER;
        } else if (section == APPLICATION && strncmp(line, "app.mainmodule=", 15) == 0) {
            free(module);
            module = expand(utf8_to_wide(line + 15), appdir, bindir, rootdir);
        } else if (section == JAVA_OPTIONS && strncmp(line, "java-options=", 13) == 0) {
            if (count == cap) {
                cap *= 2;
                options = realloc(options, cap * sizeof *options);
                if (options == NULL) {
                    die(L"out of memory", NULL);
                }
            }
            options[count++] = expand(utf8_to_wide(line + 13), appdir, bindir, rootdir);
        }
    }
    if (ferror(cfg)) {
        die(L"cannot read ", cfgpath);
    }
    fclose(cfg);
    if (module == NULL || *module == 0) {
        die(L"no app.mainmodule= in ", cfgpath);
    }

    /* The user's arguments: CommandLineToArgvW's argv[0] is this program, the rest are theirs. */
    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (argv == NULL) {
        die(L"cannot read its command line", NULL);
    }
    size_t length = quoted_length(java) + quoted_length(L"-m") + quoted_length(module) + 1;
    for (size_t i = 0; i < count; i++) {
        length += quoted_length(options[i]) + 1;
    }
    for (int i = 1; i < argc; i++) {
        length += quoted_length(argv[i]) + 1;
    }
    wchar_t *command = grab((length + 1) * sizeof *command);
    size_t k = 0;
    quote_argument(java, command, &k);
    for (size_t i = 0; i < count; i++) {
        command[k++] = L' ';
        quote_argument(options[i], command, &k);
    }
    command[k++] = L' ';
    quote_argument(L"-m", command, &k);
    command[k++] = L' ';
    quote_argument(module, command, &k);
    for (int i = 1; i < argc; i++) {
        command[k++] = L' ';
        quote_argument(argv[i], command, &k);
    }
    command[k] = 0;
    if (k >= 32767) {
        die(L"the command line is longer than Windows allows (32767 characters)", NULL);
    }

#ifndef CD_GUI
    /* Ctrl+C reaches java.exe through the shared console; this process waits for its exit code. */
    SetConsoleCtrlHandler(NULL, TRUE);
#endif
    STARTUPINFOW startup;
    PROCESS_INFORMATION process;
    ZeroMemory(&startup, sizeof startup);
    startup.cb = sizeof startup;
    ZeroMemory(&process, sizeof process);
    if (!CreateProcessW(java, command, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process)) {
        wchar_t reason[512];
        DWORD error = GetLastError();
        DWORD m = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, error, 0,
                                 reason, sizeof reason / sizeof reason[0], NULL);
        while (m > 0 && (reason[m - 1] == L'\n' || reason[m - 1] == L'\r' || reason[m - 1] == L' ')) {
            reason[--m] = 0;
        }
        if (m == 0) {
            _snwprintf(reason, sizeof reason / sizeof reason[0], L"error %lu", (unsigned long) error);
        }
        die(concat(concat(java, L": "), reason), NULL);
    }
    CloseHandle(process.hThread);
    WaitForSingleObject(process.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(process.hProcess, &code);
    CloseHandle(process.hProcess);
    return (int) code;
}
