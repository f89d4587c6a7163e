#!/usr/bin/env bash
# Puts Connect Doctor's own launcher (launcher.c) into a Linux app image that jpackage made, in place of
# jpackage's bin/connect-doctor and "bin/Connect Doctor", and gives the image its class-data archives:
#   installers/linux/launcher/install.sh APP_IMAGE [--no-app-archive]
#  1. the runtime's default CDS archive (lib/runtime/lib/server/classes.jsa), dumped here rather than by
#     jlink, verified, retried once; without it the image still runs, only slower;
#  2. the launcher, compiled with the system's C compiler (cc, or $CC), copied over both launchers;
#  3. unless --no-app-archive: the command line's class-data archive (lib/app/connect-doctor.jsa, which
#     the launcher bin/connect-doctor maps): a static archive (-Xshare:dump) of the classes that a few
#     command-line runs load (--version, a refused probe of 127.0.0.1:1 with its explanation, the same
#     as --json and as a back-to-back --count run, explain, --help), the JDK's own among them, kept
#     only when a later run maps it and prints exactly what it printed without it. Static, not
#     recorded with -XX:ArchiveClassesAtExit: JDK 17's dynamic archives leave out class files older
#     than Java 6, and picocli's 180 classes are Java 5 (a probe then parsed and verified them at
#     every start). installers/linux/build.sh records the window's ("lib/app/Connect Doctor.jsa").
# Called by Maven's package phase (pom.xml) and by installers/linux/build.sh. A failed archive is a
# warning, never a failed build; a launcher that cannot be built or does not answer --version is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=${1:?usage: install.sh APP_IMAGE [--no-app-archive]}
app_archive=1
[[ ${2:-} == --no-app-archive ]] && app_archive=0
image=$(cd "$image" && pwd)
java=$image/lib/runtime/bin/java
app=$image/lib/app
jsa=$app/connect-doctor.jsa
say() { echo "launcher: $*"; }
die() { echo "launcher: $*" >&2; exit 1; }
warn() { echo "launcher: WARNING: $*" >&2; }
[[ -x $java && -f $app/connect-doctor.cfg ]] || die "$image is not a Linux app image made by jpackage (no lib/runtime/bin/java or lib/app/connect-doctor.cfg)"
# Options meant for an application must not leak into archive dumps (a foreign -XX:SharedArchiveFile or
# -Xshare there makes a dump fail or an archive that never maps).
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ------------------------------------------------------------------ 1. the runtime's default archive
base=$image/lib/runtime/lib/server/classes.jsa
base_ok() { [[ -s $base ]] && "$java" -Xshare:on -version >/dev/null 2>&1; }
if ! base_ok; then
  for attempt in 1 2; do
    rm -f "$base"
    if "$java" -Xshare:dump >"$work/dump.log" 2>&1 && base_ok; then break; fi
    warn "dumping the default CDS archive failed (attempt $attempt): $(tail -1 "$work/dump.log")"
    rm -f "$base"
  done
fi
# The JDK's second default archive serves heaps over 32 GB only (no compressed oops): not this app.
rm -f "$image/lib/runtime/lib/server/classes_nocoops.jsa"

# ------------------------------------------------------------------ 2. the launcher
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || die "no C compiler ($cc) to build the launcher: install one (Debian: apt-get install gcc libc6-dev) or set CC"
"$cc" -std=c11 -O2 -Wall -Wextra -s -o "$work/launcher" "$here/launcher.c" >"$work/cc.log" 2>&1 \
  || { cat "$work/cc.log" >&2; die "compiling $here/launcher.c failed"; }
for name in connect-doctor "Connect Doctor"; do
  install -m 755 "$work/launcher" "$image/bin/$name"
done
version=$("$image/bin/connect-doctor" --version 2>&1) || die "the new launcher does not answer --version: $version"
[[ $version == "connect-doctor "* ]] || die "the new launcher's --version printed: $version"
say "bin/connect-doctor and bin/Connect Doctor are Connect Doctor's own launcher ($version)"

# ------------------------------------------------------------------ 3. the application archive
# An archive left from an earlier build never outlives this one: it is recorded anew or absent.
rm -f "$jsa"
(( app_archive )) || exit 0
base_ok || { warn "no default CDS archive, so no application archive either"; exit 0; }
cli=$image/bin/connect-doctor
home=$work/home
mkdir -p "$home"
# The training runs keep their history in the work folder, never the builder's.
run() { HOME=$home XDG_DATA_HOME= CONNECT_DOCTOR_DATA=$home/data "$cli" "$@"; }
# What a user sees without the archive (deterministic commands): an archived run must print the same.
for c in version explain; do
  args=(--version); [[ $c == explain ]] && args=(explain 111)
  run "${args[@]}" >"$work/$c.plain" 2>&1 || true
done
# The classes each training run loads (the list names those read from an archive too).
trainings=(
  "--version"
  "probe 127.0.0.1:1"
  "probe --json --count 2 --interval 0s [::1]:1"
  "probe --brief --count 3 --interval 0s 127.0.0.1:1"
  "probe --type dgram --timeout 1s 127.0.0.1:1"
  "explain 111"
  "--help"
)
: >"$work/classes.lst"
i=0
for t in "${trainings[@]}"; do
  i=$((i + 1))
  set -f # each training is a list of words, and [::1] is no file pattern
  # shellcheck disable=SC2086
  JDK_JAVA_OPTIONS="-XX:DumpLoadedClassList=$work/train$i.lst" run $t >"$work/train$i.log" 2>&1 || true
  set +f
  cat "$work/train$i.lst" >>"$work/classes.lst" 2>/dev/null || true
done
# Once each; dynamic proxies are made at run time and cannot be listed by name.
awk '!seen[$0]++ && !/\$Proxy[0-9]/' "$work/classes.lst" >"$work/classes.uniq"
grep -q '^org/connectdoctor/Main$' "$work/classes.uniq" \
  || warn "the training runs listed no classes of the application ($(tail -1 "$work/train2.log" 2>/dev/null))"
# The dump runs the image's java with the .cfg's options, as the launcher does, and -Xshare:dump after
# them (the .cfg's -Xshare:auto would override it from JDK_JAVA_OPTIONS, which comes first).
cfg_options=()
while IFS= read -r line; do
  case $line in
    java-options=*) value=${line#java-options=}; cfg_options+=("${value//\$APPDIR/$app}") ;;
    app.mainmodule=*) module=${line#app.mainmodule=} ;;
  esac
done <"$app/connect-doctor.cfg"
for attempt in 1 2; do
  rm -f "$work/try.jsa"
  HOME=$home "$java" "${cfg_options[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.uniq" \
    -XX:SharedArchiveFile="$work/try.jsa" -m "$module" >"$work/dump.log" 2>&1 || true
  if [[ -s $work/try.jsa ]]; then
    same=1
    for c in version explain; do
      args=(--version); [[ $c == explain ]] && args=(explain 111)
      # the class-loading log shows where Main and picocli came from
      JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=$work/try.jsa -Xlog:class+load=info:file=$work/$c.load" \
        run "${args[@]}" >"$work/$c.raw" 2>&1 || true
      # JDK_JAVA_OPTIONS announces itself on stderr; apart from that line the output must be the same.
      grep -v '^NOTE: Picked up JDK_JAVA_OPTIONS' "$work/$c.raw" >"$work/$c.cds" || true
      cmp -s "$work/$c.plain" "$work/$c.cds" || same=0
      grep -q 'org.connectdoctor.Main source: shared objects file' "$work/$c.load" 2>/dev/null || same=0
    done
    grep -q 'picocli.CommandLine source: shared objects file' "$work/explain.load" 2>/dev/null || same=0
    if (( same )); then
      mv "$work/try.jsa" "$jsa"
      say "class-data archive lib/app/connect-doctor.jsa: $(( $(stat -c %s "$jsa") / 1024 )) KiB, $(wc -l <"$work/classes.uniq") classes listed, used from the next start"
      exit 0
    fi
    warn "the CDS archive was not used or changed the output (attempt $attempt): $(diff "$work/explain.plain" "$work/explain.cds" | head -3 | tr '\n' ' ')"
  else
    warn "dumping the CDS archive failed (attempt $attempt): $(grep -m1 -i 'error\|fail' "$work/dump.log" || tail -1 "$work/dump.log")"
  fi
done
warn "the image runs without an application CDS archive (start-up is slower, nothing else changes)"
