#!/usr/bin/env bash
# Retakes the main window's screenshots at 900x560 and 1180x760 (src/tools/WindowShot.java under
# Xvfb through /work/shared/tools/screenshot.sh, or a compatible one given as SCREENSHOT):
#   assets/window-running-*.png   a stream probe (Timeout 5s) waiting on a full accept queue, its countdown
#   assets/window-refused-*.png   127.0.0.1:PORT refused while PORT listens on ::1 only: "Try [::1]:PORT"
#   assets/window-timeout-*.png   the same full queue with Timeout 1s, timed out
#   assets/window-environment-900x560.png  a refused probe's explanation scrolled to its Environment
#   assets/history-after-restart-*.png  a data folder two CLI probes filled (connected, refused), the
#                                 window started on it, the newest run selected
#   assets/compare-*.png          one port connected, then refused after it closed: Compare with last success
#   assets/help-*.png             the help window (F1) beside the main window
#   assets/man-socket-*.png       socket(2) in the explanation pane (Help > socket(2) manual page)
#   assets/screenshot.png         the 1180x760 refused one
# A private settings file and data folder; traffic to 127.0.0.1 and ::1 only.
#   src/tools/window-screenshots.sh        (after ./mvnw -o -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
shot=${SCREENSHOT:-/work/shared/tools/screenshot.sh}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; done; rm -rf "$work"' EXIT
cp=target/classes:$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)

# loopback peers: a backlog-0 listener whose one queued connection is never accepted (its queue is
# full, further SYNs are dropped), and a listener on ::1 only
python3 -c 'import socket,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(0)
f=socket.create_connection(s.getsockname())
v=socket.socket(socket.AF_INET6); v.bind(("::1",0)); v.listen(8)
while True:
    p=v.getsockname()[1]
    t=socket.socket()
    try:
        t.bind(("127.0.0.1",p)); t.close(); break
    except OSError:
        t.close(); v.close(); v=socket.socket(socket.AF_INET6); v.bind(("::1",0)); v.listen(8)
print(s.getsockname()[1], p, flush=True); time.sleep(600)' > "$work/ports" & pids+=($!)
for _ in $(seq 50); do [[ -s $work/ports ]] && break; sleep 0.1; done
read -r full v6 < "$work/ports"

window() { # SIZE OUT WAIT [TARGET [TIMEOUT]]   (CROP=WxH: crop the screen to that instead of SIZE)
  local size=$1 out=$2 wait_s=$3; shift 3
  printf 'format=1\nwindow.width=%s.0\nwindow.height=%s.0\ntheme.dark=false\n' "${size%x*}" "${size#*x}" \
      > "$work/settings.properties"
  "$shot" -w "$wait_s" -s 1280x800 "$work/shot.png" -- java -cp "$cp" \
      -Dconnectdoctor.settings="$work/settings.properties" src/tools/WindowShot.java "$@"
  convert "$work/shot.png" -crop "${CROP:-$size}+0+0" +repage "$out"
  echo "saved $out"
}

export CONNECT_DOCTOR_DATA=$work/data
for size in 900x560 1180x760; do
  rm -rf "$work/data"
  window "$size" "assets/window-running-$size.png" 3 "127.0.0.1:$full" 5s
  rm -rf "$work/data"
  window "$size" "assets/window-refused-$size.png" 4 "127.0.0.1:$v6"
  rm -rf "$work/data"
  window "$size" "assets/window-timeout-$size.png" 5 "127.0.0.1:$full" 1s
done
# the explanation of a refused probe scrolled to its Environment section, at the smallest size
rm -rf "$work/data"
JAVA_TOOL_OPTIONS=-Dshot.scrollTo=explanation-environment window 900x560 assets/window-environment-900x560.png 7 \
    "127.0.0.1:$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
cp assets/window-refused-1180x760.png assets/screenshot.png

# history after a restart: a listener for the run that connects, a port closed after it for the refused one
python3 -c 'import socket,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(8); print(s.getsockname()[1], flush=True); time.sleep(60)' \
    > "$work/port" & lpid=$!; pids+=($lpid)
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.1; done
port=$(cat "$work/port")
for size in 900x560 1180x760; do
  rm -rf "$work/data"
  java -cp "$cp" -Dconnectdoctor.settings="$work/settings.properties" org.connectdoctor.Main probe --brief "127.0.0.1:$port" || true
  python3 -c 'import socket,sys
t=socket.socket(); t.bind(("127.0.0.1",0)); print(t.getsockname()[1])' > "$work/closed"
  java -cp "$cp" -Dconnectdoctor.settings="$work/settings.properties" org.connectdoctor.Main probe "127.0.0.1:$(cat "$work/closed")" || true
  window "$size" "assets/history-after-restart-$size.png" 5
done

# compare with last success: one port probed while it listens (connected), then after it closed (refused)
for size in 900x560 1180x760; do
  rm -rf "$work/data"
  python3 -c 'import socket,sys
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(8); print(s.getsockname()[1], flush=True); sys.stdin.read()' \
      > "$work/cport" < <(sleep 8) & cpid=$!; pids+=($cpid)
  for _ in $(seq 50); do [[ -s $work/cport ]] && break; sleep 0.1; done
  java -cp "$cp" -Dconnectdoctor.settings="$work/settings.properties" org.connectdoctor.Main probe --brief "127.0.0.1:$(cat "$work/cport")" || true
  kill $cpid 2>/dev/null || true; wait $cpid 2>/dev/null || true
  java -cp "$cp" -Dconnectdoctor.settings="$work/settings.properties" org.connectdoctor.Main probe --brief "127.0.0.1:$(cat "$work/cport")" || true
  rm -f "$work/cport"
  window "$size" "assets/compare-$size.png" 4 --compare
done

# help (F1) in front of the window, and the man view of socket(2) in the explanation pane
for size in 900x560 1180x760; do
  rm -rf "$work/data"
  # the help window (720x640) is placed 600 px from the main window's right edge, 30 px down
  w=${size%x*} h=${size#*x}
  CROP=$((w + 120))x$((h > 670 ? h : 670)) window "$size" "assets/help-$size.png" 3 --menu "Connect Doctor help"
  window "$size" "assets/man-socket-$size.png" 3 --menu "socket(2) manual page"
done
