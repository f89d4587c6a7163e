#!/usr/bin/env bash
# Takes assets/screenshot.png: the app image's window under Xvfb at 1280x800 after a probe of a
# closed loopback port. Needs Xvfb, xdotool and ImageMagick (apt-get install xvfb xdotool imagemagick).
#   src/tools/readme-screenshot.sh [APP_IMAGE_DIR] [OUT.png]
set -euo pipefail
app=${1:-target/connect-doctor}
out=${2:-assets/screenshot.png}
for d in $(seq 90 140); do [[ -e /tmp/.X$d-lock ]] || { disp=:$d; break; }; done
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xpid=$!
trap 'kill $apid $xpid 2>/dev/null || true' EXIT
apid=
for _ in $(seq 50); do DISPLAY=$disp xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
DISPLAY=$disp "$app/bin/connect-doctor" & apid=$!
for _ in $(seq 150); do
  win=$(DISPLAY=$disp xdotool search --onlyvisible --name 'Connect Doctor' 2>/dev/null | head -1) && [[ -n $win ]] && break
  sleep 0.2
done
[[ -n ${win:-} ]] || { echo "no window appeared" >&2; exit 1; }
sleep 1
export DISPLAY=$disp
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 800
sleep 0.5
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool mousemove --window "$win" 300 25 click 1
xdotool type --delay 20 "${PROBE_TARGET:-127.0.0.1:1}"
xdotool key Return
sleep 2
import -window root "$out"
echo "saved $out"
