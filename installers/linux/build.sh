#!/usr/bin/env bash
# Builds Connect Doctor's Linux app image, .deb and .rpm into target/installers/.
#   installers/linux/build.sh [--no-rpm] [--no-deb]
# Checks its preconditions first and installs missing Debian tools itself (as root, with apt-get).
# Steps: the app image (Maven, jlink + jpackage, shared @argfiles), a CDS archive trained by opening
# the window once under Xvfb, then the packages from that image. Prints sizes and start-up time.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=target/installers
want_deb=1 want_rpm=1
for a in "$@"; do
  case $a in
    --no-rpm) want_rpm=0 ;;
    --no-deb) want_deb=0 ;;
    *) echo "usage: $0 [--no-rpm] [--no-deb]" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }
die() { echo "build.sh: $*" >&2; exit 1; }

# ------------------------------------------------------------------ preconditions
[[ $(uname -s) == Linux ]] || die "this script builds Linux packages; use installers/windows/build.ps1 or installers/macos/build.sh elsewhere"
if [[ -z ${JAVA_HOME:-} ]]; then
  for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/java-17-openjdk; do
    [[ -x $j/bin/jpackage ]] && { export JAVA_HOME=$j; break; }
  done
fi
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/jpackage ]] || die "no JDK with jpackage found: set JAVA_HOME to a JDK 17 or newer"
[[ -f $JAVA_HOME/jmods/java.base.jmod ]] || die "$JAVA_HOME has no jmods (Debian: apt-get install openjdk-17-jdk-headless)"
jpackage=$JAVA_HOME/bin/jpackage

need=()
(( want_deb )) && { command -v fakeroot >/dev/null || need+=(fakeroot); command -v dpkg-deb >/dev/null || need+=(dpkg); }
(( want_rpm )) && { command -v rpmbuild >/dev/null || need+=(rpm); }
# Maven compiles our launcher (installers/linux/launcher/launcher.c) with the system's C compiler.
command -v "${CC:-cc}" >/dev/null || need+=(gcc libc6-dev)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if (( ${#need[@]} )); then
  (( EUID == 0 )) || die "missing tools: ${need[*]}; install them (apt-get install ${need[*]}) or run as root"
  say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

version=$(sed -n 's:.*<app.version>\(.*\)</app.version>.*:\1:p' pom.xml | head -1)
[[ -n $version ]] || die "no <app.version> in pom.xml"

# ------------------------------------------------------------------ app image
say "app image (jlink + jpackage)"
./mvnw -B -q -DskipTests package
image=target/connect-doctor
[[ -x $image/bin/connect-doctor && -x "$image/bin/Connect Doctor" ]] || die "the app image has no launchers"
# Maven's package phase ran installers/linux/launcher/install.sh: the launchers are our own (no rpm/dpkg
# queries, no 64 KB argument limit), the runtime's default CDS archive is there, and lib/app carries an
# application archive recorded from a command-line probe. Check that, rather than trust it.
grep -aq SharedArchiveFile "$image/bin/connect-doctor" || die "bin/connect-doctor is not installers/linux/launcher/launcher.c"

# ------------------------------------------------------------------ CDS
# The runtime carries its default CDS archive (install.sh dumped it). On top, a dynamic archive of the
# classes the application loads, recorded in one run that makes a few command-line probes of the
# loopback interface and then opens the window once under Xvfb: "lib/app/Connect Doctor.jsa", kept when a
# later start provably maps it. Each launcher maps lib/app/<its name>.jsa when it exists, so the command
# line keeps the small archive the Maven build recorded (lib/app/connect-doctor.jsa).
disp=
xvfb_pid=
start_xvfb() {
  for d in $(seq 90 140); do [[ -e /tmp/.X$d-lock ]] || { disp=:$d; break; }; done
  Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
  for _ in $(seq 50); do DISPLAY=$disp xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "Xvfb did not start"
}
stop_xvfb() { [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true; xvfb_pid=; }
trap stop_xvfb EXIT

say "CDS archive"
start_xvfb
jsa="$image/lib/app/Connect Doctor.jsa"
rm -f "$jsa"
measure() { # one start of the window: milliseconds from launch to its first frame
  local log t0 shown
  t0=$(date +%s%3N)
  log=$(DISPLAY=$disp HOME=$(mktemp -d) JAVA_TOOL_OPTIONS="-Dconnectdoctor.exitWhenShown=true ${1:-}" \
        timeout 60 "$image/bin/Connect Doctor" 2>&1 || true)
  shown=$(sed -n 's/.*window shown at epoch-ms \([0-9]*\).*/\1/p' <<<"$log" | tail -1)
  [[ -n $shown ]] && echo $(( shown - t0 ))
}
before=()
for _ in 1 2 3; do before+=("$(measure)"); done
archive_used() { # archive_used FILE: a start with it maps the application's classes from it
  local log
  log=$(mktemp)
  HOME=$(mktemp -d) JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=$1 -Xshare:on -Xlog:class+load=info:file=$log" \
    "$image/bin/Connect Doctor" --version >/dev/null 2>&1 || true
  grep -q 'org.connectdoctor.Main source: shared objects file (top)' "$log"
}
recorded=
for attempt in 1 2; do
  try=$root/target/connect-doctor-window.jsa
  rm -f "$try"
  measure "-XX:ArchiveClassesAtExit=$try -Dconnectdoctor.cdsTraining=true" >/dev/null || true
  if [[ -s $try ]] && archive_used "$try"; then mv "$try" "$jsa"; recorded=1; break; fi
  echo "build.sh: WARNING: recording the window's CDS archive failed or gave an unusable archive (attempt $attempt)" >&2
done
[[ -n $recorded ]] || echo "build.sh: WARNING: the window starts without an application CDS archive (slower, nothing else changes)" >&2
[[ -f $image/lib/app/connect-doctor.jsa ]] || echo "build.sh: WARNING: the command line has no application CDS archive (see the Maven build's output)" >&2
after=()
for _ in 1 2 3; do after+=("$(measure)"); done
stop_xvfb
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "time to first window (median of 3, ms): without the app CDS archive $(median "${before[@]}"), with it $(median "${after[@]}")"

# ------------------------------------------------------------------ packages
mkdir -p "$out"
rm -f "$out"/connect-doctor*.deb "$out"/connect-doctor*.rpm
common=(@installers/linux/jpackage-linux-package.txt --app-image "$image" --app-version "$version" --dest "$out")
if (( want_deb )); then
  say ".deb"
  # jpackage's dependency scan cannot see GTK: JavaFX's native libraries live inside the image.
  "$jpackage" "${common[@]}" --type deb \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libxtst6, libasound2 | libasound2t64, libfreetype6, libfontconfig1"
fi
if (( want_rpm )); then
  say ".rpm"
  "$jpackage" "${common[@]}" --type rpm --linux-package-deps "gtk3, libXtst, alsa-lib, freetype, fontconfig"
  rpm_file=$(ls "$out"/connect-doctor*.rpm | head -1)
  # The window needs GTK 3; a package that does not require it installs a program that cannot open.
  rpm -qp --requires "$rpm_file" 2>/dev/null | grep -qx 'gtk3' \
    || { echo "build.sh: $rpm_file does not require gtk3: $(rpm -qp --requires "$rpm_file" 2>&1 | tr '\n' ' ')" >&2; exit 1; }
fi

# ------------------------------------------------------------------ sizes
say "sizes"
size() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1048576}'; }
echo "runtime:   $(size "$image/lib/runtime")"
echo "app image: $(size "$image")"
for f in "$out"/*.deb "$out"/*.rpm; do
  if [[ -e $f ]]; then echo "$(basename "$f"): $(size "$f")"; fi
done
