#!/usr/bin/env bash
# Start-up and footprint of the app image (target/connect-doctor): prints figures, asserts nothing.
#  - the command line: wall time of --version and of a probe of a closed loopback port (median of 10),
#    and the peak resident memory of that probe (/usr/bin/time -v);
#  - the window, under Xvfb: time from launch to the first frame (median of 5, as the window itself
#    measures it from its process start), and the peak and current resident memory of the idle window.
# Needs Xvfb, xdotool and GNU time (apt-get install xvfb xdotool time); installs them when root.
set -euo pipefail
cd "$(dirname "$0")/../.."
image=${1:-target/connect-doctor}
cli=$image/bin/connect-doctor
gui="$image/bin/Connect Doctor"
[[ -x $cli ]] || { echo "no app image at $image: run ./mvnw -DskipTests package (or installers/linux/build.sh)" >&2; exit 1; }
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
[[ -x /usr/bin/time ]] || need+=(time)
if (( ${#need[@]} )); then
  (( EUID == 0 )) || { echo "missing: ${need[*]}" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms_of() { # wall milliseconds of one run of the command
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
home=$(mktemp -d)
export HOME=$home

echo "start-up and footprint of $image ($(nproc) CPUs)"
"$cli" --version >/dev/null
v=$(for _ in $(seq 10); do ms_of "$cli" --version; done | median)
p=$(for _ in $(seq 10); do ms_of "$cli" probe --brief 127.0.0.1:1; done | median)
e=$(for _ in $(seq 10); do ms_of "$cli" probe 127.0.0.1:1; done | median)
# The probe exits 1 (refused): time reports all the same.
rss=$( (/usr/bin/time -v "$cli" probe 127.0.0.1:1 2>&1 >/dev/null || true) | sed -n 's/.*Maximum resident set size (kbytes): //p')
echo "CLI --version:                          ${v} ms wall (median of 10)"
echo "CLI probe of a closed port, --brief:    ${p} ms wall (median of 10)"
echo "CLI probe with its explanation:         ${e} ms wall (median of 10)"
echo "CLI probe peak RSS:                     $(( rss / 1024 )) MB"

for d in $(seq 90 140); do [[ -e /tmp/.X$d-lock ]] || { disp=:$d; break; }; done
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 50); do DISPLAY=$disp xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
w=$(for _ in $(seq 5); do
  t0=$(date +%s%3N)
  shown=$(DISPLAY=$disp JAVA_TOOL_OPTIONS=-Dconnectdoctor.exitWhenShown=true timeout 60 "$gui" 2>&1 \
    | sed -n 's/.*window shown at epoch-ms \([0-9]*\).*/\1/p')
  echo $(( shown - t0 ))
done | median)
echo "window: launch to first frame:          ${w} ms (median of 5)"
DISPLAY=$disp "$gui" >/dev/null 2>&1 & pid=$!
for _ in $(seq 150); do DISPLAY=$disp xdotool search --onlyvisible --name '^Connect Doctor$' >/dev/null 2>&1 && break; sleep 0.2; done
sleep 3
hwm=$(sed -n 's/VmHWM:\s*\([0-9]*\) kB/\1/p' /proc/$pid/status)
now=$(sed -n 's/VmRSS:\s*\([0-9]*\) kB/\1/p' /proc/$pid/status)
kill $pid; wait $pid 2>/dev/null || true
echo "idle window RSS:                        $(( now / 1024 )) MB now, $(( hwm / 1024 )) MB peak"
