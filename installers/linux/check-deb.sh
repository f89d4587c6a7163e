#!/usr/bin/env bash
# Checks the .deb that build.sh made, as a help-desk machine would meet it:
#  0. its Depends names libgtk-3-0 (the window cannot open without GTK 3).
#  1. extracted (dpkg -x) into a temporary root: the CLI's --version, a probe of a closed loopback port
#     (ECONNREFUSED with its explanation), and the window under Xvfb (a window titled "Connect Doctor").
#  2. installed for real (as root, where apt-get may install its dependencies): the CLI on PATH, a
#     100 kB argument, strace showing that the launcher starts java and nothing else, then removed
#     again (dpkg --purge), leaving none of its files behind.
#   installers/linux/check-deb.sh [PACKAGE.deb]
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=${1:-$(ls target/installers/connect-doctor_*.deb 2>/dev/null | head -1 || true)}
[[ -f $deb ]] || { echo "check-deb.sh: no .deb (run installers/linux/build.sh first)" >&2; exit 1; }
pass=0
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }
ok() { echo "check-deb: ok: $*"; pass=$((pass + 1)); }

if ! command -v strace >/dev/null 2>&1; then
  (( EUID == 0 )) || { echo "check-deb.sh: needs strace (apt-get install strace)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends strace >/dev/null
fi
tmp=$(mktemp -d)
xvfb_pid=
cleanup() { [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# ------------------------------------------------------------------ 0. declared dependencies
# The window needs GTK 3 (JavaFX's glass), which jpackage's scan cannot see inside the image.
depends=$(dpkg-deb -f "$deb" Depends)
grep -Eq '(^|[ ,|])libgtk-3-0([ ,|]|$)' <<<"$depends" || fail "the .deb's Depends does not name libgtk-3-0: $depends"
ok "Depends names libgtk-3-0: $depends"

# ------------------------------------------------------------------ 1. extracted
dpkg-deb -x "$deb" "$tmp/root"
app=$tmp/root/opt/connect-doctor
cli=$app/bin/connect-doctor
[[ -x $cli ]] || fail "no $cli in the package"
"$cli" --version | grep -q '^connect-doctor [0-9]' || fail "--version"
ok "extracted CLI: $("$cli" --version)"

rc=0
out=$("$cli" probe 127.0.0.1:1 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "probe of 127.0.0.1:1 exited $rc: $out"
grep -q 'ECONNREFUSED (111) Connection refused' <<<"$out" || fail "no ECONNREFUSED: $out"
grep -q 'From the manual: connect(2)' <<<"$out" || fail "no explanation: $out"
ok "extracted CLI: ECONNREFUSED with the manual's entry"

for d in $(seq 90 140); do [[ -e /tmp/.X$d-lock ]] || { disp=:$d; break; }; done
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
for _ in $(seq 50); do DISPLAY=$disp xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
DISPLAY=$disp HOME=$tmp "$app/bin/Connect Doctor" >"$tmp/gui.log" 2>&1 & gui=$!
title=
for _ in $(seq 150); do
  win=$(DISPLAY=$disp xdotool search --onlyvisible --name '^Connect Doctor$' 2>/dev/null | head -1 || true)
  if [[ -n $win ]]; then title=$(DISPLAY=$disp xdotool getwindowname "$win"); break; fi
  kill -0 "$gui" 2>/dev/null || break
  sleep 0.2
done
[[ $title == "Connect Doctor" ]] || { cat "$tmp/gui.log" >&2; fail "no window titled 'Connect Doctor' appeared"; }
# Quit as a user does, with the File menu's accelerator (Ctrl+Q), through the X test extension.
DISPLAY=$disp xdotool windowfocus --sync "$win" 2>/dev/null || true
sleep 0.5
DISPLAY=$disp xdotool key ctrl+q
for _ in $(seq 50); do kill -0 "$gui" 2>/dev/null || break; sleep 0.1; done
kill -0 "$gui" 2>/dev/null && { kill -9 "$gui"; fail "the window did not close"; }
ok "extracted GUI: a window titled '$title' appeared and closed"

# ------------------------------------------------------------------ 2. installed
if (( EUID != 0 )); then
  echo "check-deb: skipped the real install: it needs root (CI runs as root)"
elif dpkg -s connect-doctor >/dev/null 2>&1; then
  echo "check-deb: skipped the real install: a connect-doctor package is already installed on this machine"
else
  # apt-get brings the dependencies the package names (GTK, xdg-utils); dpkg -i alone would not.
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" >"$tmp/apt.log" 2>&1 \
    || { cat "$tmp/apt.log" >&2; fail "apt-get install ./$deb"; }
  files=$(dpkg -L connect-doctor)
  [[ -L /usr/bin/connect-doctor ]] || fail "/usr/bin/connect-doctor is not there after installing"
  connect-doctor --version | grep -q '^connect-doctor ' || fail "installed CLI --version"
  rc=0
  connect-doctor probe --brief 127.0.0.1:1 >/dev/null 2>&1 || rc=$?
  [[ $rc == 1 ]] || fail "installed CLI probe exited $rc"
  ok "installed: connect-doctor on PATH answers"
  # A 100 kB argument (jpackage's launcher crashed past 64 KB) gets the application's one-line answer.
  long=$(head -c 100000 /dev/zero | tr '\0' a)
  rc=0
  out=$(timeout 30 /usr/bin/connect-doctor probe "$long:80" 2>&1) || rc=$?
  [[ $rc == 2 ]] || fail "installed CLI with a 100 kB argument exited $rc: $(head -c 300 <<<"$out")"
  [[ $(wc -l <<<"$out") == 1 ]] && ! grep -q 'Exception' <<<"$out" || fail "installed CLI with a 100 kB argument printed: $(head -c 300 <<<"$out")"
  ok "installed: a 100 kB argument gets one line: $(cut -c1-80 <<<"$out")"
  # The launcher runs java and nothing else: no rpm -qf, no dpkg -S on its own path.
  timeout 60 strace -f -qq -e trace=execve -o "$tmp/execve.log" /usr/bin/connect-doctor --version >/dev/null 2>&1 \
    || fail "installed CLI --version under strace"
  progs=$(grep -o 'execve("[^"]*"' "$tmp/execve.log" | sed 's/^execve("//; s/"$//')
  [[ $progs == /usr/bin/connect-doctor$'\n'/opt/connect-doctor/lib/runtime/bin/java ]] \
    || fail "the installed launcher started more than java:"$'\n'"$(cut -c1-160 "$tmp/execve.log")"
  ok "installed: strace shows /usr/bin/connect-doctor, then java, and no other program"
  dpkg --purge connect-doctor >/dev/null 2>&1 || fail "dpkg --purge"
  left=$(while read -r f; do [[ -e $f && ! -d $f ]] && echo "$f"; done <<<"$files" || true)
  [[ -z $left ]] || fail "files left behind: $(head -5 <<<"$left")"
  [[ ! -e /usr/bin/connect-doctor && ! -e /opt/connect-doctor ]] || fail "/usr/bin/connect-doctor or /opt/connect-doctor left behind"
  ok "removed: nothing left behind"
fi
echo "check-deb: $pass passed, 0 failed"
