#!/usr/bin/env bash
# The per-user Windows installer (installers/windows/build-msi.sh) tested as a help-desk person meets
# it: installed with Windows Installer under Wine (msiexec /i … /qn, no administrator step) into a fresh
# Wine prefix, run from where it installed itself, then uninstalled (msiexec /x … /qn), in a network
# namespace of its own (loopback only; nothing leaves the machine).
#   src/test/wine/msi-test.sh [MSI]     (default: target/connect-doctor-windows-x64.msi, built first
#                                        when it is missing)
# Checks: the files in %LOCALAPPDATA%\Programs\Connect Doctor; the Start-menu shortcut; the install
# folder at the end of the user's PATH (HKCU\Environment); connect-doctor.exe --version, also found
# through that PATH by cmd; a refused probe (WSAECONNREFUSED 10061); Connect Doctor.exe opens its window
# on Xvfb; after uninstalling, no folder, shortcut, PATH entry or registry key is left.
# Every Wine call is bounded by timeout. Prints "msi-test: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
work=$root/target/wine-msi
msi=${1:-$root/target/connect-doctor-windows-x64.msi}

if [[ ${CD_MSI_INSIDE:-} != 1 ]]; then
  if [[ ! -x /usr/lib/wine/wine64 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends wine wine64
  fi
  [[ -f $msi ]] || installers/windows/build-msi.sh
  msi=$(realpath "$msi")
  # A fresh prefix every run: nothing a previous install left can make this one pass.
  rm -rf "$work"
  mkdir -p "$work"
  export CD_MSI_INSIDE=1
  if [[ $(id -u) == 0 ]]; then exec unshare -n "$0" "$msi"; else exec unshare -rn "$0" "$msi"; fi
fi

# ---- inside the namespace ----
ip link set lo up
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml=,winemenubuilder.exe=d"
unset DISPLAY JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS
wine=/usr/lib/wine/wine64
passed=0 failed=0
pass() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }
# Every Wine call: bounded, stdin closed.
run() { timeout -k 5 "$1" "$wine" "${@:2}" </dev/null; }
winpath() { local p=${1//\//\\}; echo "Z:$p"; }

started=$(date +%s.%N)
trap '/usr/lib/wine/wineserver -k >/dev/null 2>&1 || true' EXIT
timeout 120 "$wine" wineboot -i </dev/null >"$work/wineboot.log" 2>&1 || true
[[ -d $WINEPREFIX/drive_c ]] || { echo "msi-test: wineboot could not create the Wine prefix" >&2; exit 2; }
/usr/lib/wine/wineserver -p </dev/null >/dev/null 2>&1 || true
timeout 60 "$wine" wineboot </dev/null >/dev/null 2>&1 || true
export CONNECT_DOCTOR_DATA='Z:'"${work//\//\\}"'\data'

profile=$WINEPREFIX/drive_c/users/$(id -un)
dir="$profile/AppData/Local/Programs/Connect Doctor"
shortcut="$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Connect Doctor.lnk"
win_dir='C:\users\'"$(id -un)"'\AppData\Local\Programs\Connect Doctor'
user_path() { run 30 reg query 'HKCU\Environment' /v PATH 2>/dev/null | tr -d '\r' | sed -n 's/^ *PATH *REG_[A-Z_]* *//p' || true; }
# The user already has a PATH of their own: the install appends to it, the uninstall gives it back.
run 30 reg add 'HKCU\Environment' /v PATH /t REG_EXPAND_SZ /d 'C:\Help Desk Tools' /f >/dev/null 2>&1 || true
path_before=$(user_path)

# 1. Install, quietly, as the user (per-user package: no elevation step).
set +e
run 180 msiexec /i "$(winpath "$msi")" /qn /l*v "$(winpath "$work/install.log")" >"$work/msiexec-i.out" 2>&1
rc=$?
set -e
if (( rc == 0 )); then
  pass "msiexec /i $(basename "$msi") /qn: exit 0"
else
  fail "msiexec /i exited $rc: $(tail -c 600 "$work/install.log" 2>/dev/null | tr -d '\0\r')"
fi

# 2. The files, the same as the zip's folder.
expected=$(msiinfo export "$msi" File | tail -n +4 | wc -l)
if [[ -d $dir ]]; then
  got=$(find "$dir" -type f | wc -l)
  if (( got == expected )) && [[ -f $dir/connect-doctor.exe && -f "$dir/Connect Doctor.exe" && -f $dir/runtime/bin/java.exe && -f $dir/app/connect-doctor.cfg ]]; then
    pass "installed into $win_dir: $got files (the msi lists $expected)"
  else
    fail "in $win_dir: $got files, the msi lists $expected"
  fi
else
  fail "no folder $win_dir after installing"
fi

# 3. The Start-menu shortcut, pointing at the window's launcher.
if [[ -f $shortcut ]] && strings -el "$shortcut" | grep -q 'Connect Doctor.exe'; then
  pass "Start-menu shortcut: Start Menu\\Programs\\Connect Doctor.lnk -> ...\\Connect Doctor.exe"
else
  fail "no Start-menu shortcut at $shortcut ($(ls "$(dirname "$shortcut")" 2>&1 | head -5 | tr '\n' ' '))"
fi

# 4. The user's PATH: the install folder appended, what was there kept.
path_after=$(user_path)
if [[ ";$path_after;" == *";$win_dir\\;"* || ";$path_after;" == *";$win_dir;"* ]] \
    && [[ -z $path_before || $path_after == "$path_before;"* ]]; then
  pass "HKCU\\Environment PATH: '$path_after' (before: '${path_before:-none}')"
else
  fail "HKCU\\Environment PATH after installing: '$path_after' (before: '${path_before:-none}')"
fi

# 5. The installed CLI, by its full path and by name through the user's PATH (a new cmd reads it).
set +e
out=$(run 60 "$dir/connect-doctor.exe" --version 2>&1 | tr -d '\r')
rc=${PIPESTATUS[0]}
set -e
if (( rc == 0 )) && [[ $out == "connect-doctor "* ]]; then
  pass "installed connect-doctor.exe --version: $out"
else
  fail "installed connect-doctor.exe --version exited $rc: $out"
fi
set +e
(cd /tmp && run 60 cmd /c 'connect-doctor --version' >"$work/cmd.out" 2>&1)
rc=$?
set -e
out=$(tr -d '\r' <"$work/cmd.out")
if (( rc == 0 )) && [[ $out == *"connect-doctor "* ]]; then
  pass "cmd /c connect-doctor --version (found through the user's PATH): $out"
else
  fail "cmd /c connect-doctor --version exited $rc: $out"
fi

# 6. A refused probe: nothing listens in this fresh namespace.
set +e
run 90 "$dir/connect-doctor.exe" probe --json 127.0.0.1:9 >"$work/refused.json" 2>"$work/refused.err"
rc=$?
check=$(java -cp "$(ls "$dir"/app/snakeyaml-engine-*.jar | head -1)" src/test/wine/CliJsonCheck.java "$work/refused.json" 2>&1)
check_rc=$?
set -e
if (( rc == 1 && check_rc == 0 )); then
  pass "installed probe --json 127.0.0.1:9: WSAECONNREFUSED 10061, $check (exit 1)"
else
  fail "installed probe --json 127.0.0.1:9 (exit $rc, check $check_rc): $check $(head -c 600 "$work/refused.err")"
fi

# 7. The window, started from the installed Connect Doctor.exe (what the shortcut starts) on Xvfb.
if command -v Xvfb >/dev/null; then
  /usr/lib/wine/wineserver -k >/dev/null 2>&1 || true
  for d in $(seq 90 140); do [[ -e /tmp/.X$d-lock ]] || { display=:$d; break; }; done
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill "$xvfb_pid" 2>/dev/null || true; /usr/lib/wine/wineserver -k >/dev/null 2>&1 || true' EXIT
  for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
  export DISPLAY=$display
  /usr/lib/wine/wineserver -p </dev/null >/dev/null 2>&1 || true
  timeout 60 "$wine" wineboot </dev/null >/dev/null 2>&1 || true
  set +e
  JAVA_TOOL_OPTIONS=-Dconnectdoctor.exitWhenShown=true run 120 "$dir/Connect Doctor.exe" >"$work/window.log" 2>&1
  rc=$?
  set -e
  if (( rc == 0 )) && grep -q 'window shown at epoch-ms' "$work/window.log"; then
    pass "installed Connect Doctor.exe opened its window and exited 0"
  else
    fail "installed Connect Doctor.exe did not report its window shown (exit $rc): $(head -c 800 "$work/window.log")"
  fi
  unset DISPLAY
  /usr/lib/wine/wineserver -k >/dev/null 2>&1 || true
  kill "$xvfb_pid" 2>/dev/null || true
  /usr/lib/wine/wineserver -p </dev/null >/dev/null 2>&1 || true
else
  fail "Xvfb is missing (apt-get install xvfb): the window cannot be opened"
fi

# 8. Uninstall, quietly, and nothing is left: folder, shortcut, PATH entry, the product's registry key.
set +e
run 180 msiexec /x "$(winpath "$msi")" /qn /l*v "$(winpath "$work/uninstall.log")" >"$work/msiexec-x.out" 2>&1
rc=$?
set -e
if (( rc == 0 )); then
  pass "msiexec /x $(basename "$msi") /qn: exit 0"
else
  fail "msiexec /x exited $rc: $(tail -c 600 "$work/uninstall.log" 2>/dev/null | tr -d '\0\r')"
fi
if [[ ! -e $dir ]]; then
  pass "after uninstalling: no folder $win_dir"
else
  fail "after uninstalling, $win_dir still holds: $(cd "$dir" && find . | head -10 | tr '\n' ' ')"
fi
if [[ ! -e $shortcut ]]; then
  pass "after uninstalling: no Start-menu shortcut"
else
  fail "after uninstalling, the Start-menu shortcut is still there"
fi
# %LOCALAPPDATA%\Programs itself stays: it is the user's shared folder for per-user programs
# (Windows' UserProgramFiles), not this product's; it must hold nothing of ours.
if [[ -z $(ls -A "$(dirname "$dir")" 2>/dev/null) ]]; then
  pass "after uninstalling: %LOCALAPPDATA%\\Programs holds nothing"
else
  fail "after uninstalling, %LOCALAPPDATA%\\Programs holds: $(ls -A "$(dirname "$dir")" | tr '\n' ' ')"
fi
path_end=$(user_path)
if [[ ";$path_end;" != *";$win_dir"* && $path_end == "$path_before" ]]; then
  pass "after uninstalling: HKCU\\Environment PATH is back to '${path_end:-none}'"
elif [[ ";$path_end;" != *";$win_dir"* && $path_end == "$path_before;" ]]; then
  # Wine 8.0's RemoveEnvironmentStrings takes the appended folder out but leaves its ';' behind
  # (a Wine deviation: an empty PATH element is harmless to cmd and PowerShell).
  pass "after uninstalling: our entry is gone from HKCU\\Environment PATH: '$path_end' (Wine leaves the ';' separator)"
else
  fail "after uninstalling, HKCU\\Environment PATH is '$path_end' (before installing: '${path_before:-none}')"
fi
if ! run 30 reg query 'HKCU\Software\Connect Doctor' >/dev/null 2>&1; then
  pass "after uninstalling: no HKCU\\Software\\Connect Doctor"
else
  fail "after uninstalling, HKCU\\Software\\Connect Doctor is still there"
fi

echo "msi-test wall time: $(echo "$(date +%s.%N) - $started" | bc) s"
echo "msi-test: $passed passed, $failed failed"
(( failed == 0 ))
