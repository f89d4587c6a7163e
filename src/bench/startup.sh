#!/usr/bin/env bash
# Start-up and footprint of an app image or installed package: prints figures, asserts nothing.
#   src/bench/startup.sh [IMAGE]     IMAGE: target/connect-doctor (the README's ./mvnw run image, default)
#                                           or /opt/connect-doctor (the installed .deb)
# Each figure twice: as shipped (the launcher maps lib/app/<launcher>.jsa and the runtime's default
# archive) and without class data (the image's own java and .cfg options with -Xshare:off).
#  - the command line: wall time of --version, probe --brief and probe with its explanation of a closed
#    loopback port (median of 10), and the peak RSS of that probe (GNU time);
#  - the window, under Xvfb: launch to first frame (median of 5, as the window measures it from its
#    process start), then the idle window's RSS, and where it goes (NMT summary: heap, metaspace and
#    class space, code cache, threads).
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
# The image's launcher without class data: its java, its .cfg's options ($APPDIR expanded), -Xshare:off.
plain_cmd() { # plain_cmd LAUNCHER-NAME: sets PLAIN to that command line
  local opts=() main= line
  while IFS= read -r line; do
    case $line in
      java-options=*) opts+=("${line#java-options=}") ;;
      app.mainmodule=*) main=${line#app.mainmodule=} ;;
    esac
  done <"$image/lib/app/$1.cfg"
  # What the launcher adds besides the archive (installers/linux/launcher/launcher.c): software rendering.
  PLAIN=(env GDK_GL=disable "$image/lib/runtime/bin/java" "${opts[@]//\$APPDIR/$image/lib/app}" -Dprism.order=sw
    -Xshare:off -m "$main")
}
plain_cmd connect-doctor; cli_plain=("${PLAIN[@]}")
plain_cmd "Connect Doctor"; gui_plain=("${PLAIN[@]}")
home=$(mktemp -d)
export HOME=$home
# The runs keep their history here, not in the user's: the JVM takes user.home from the password
# database, not from $HOME, so HOME alone did not keep them out of ~/.local/share/connect-doctor.
export CONNECT_DOCTOR_DATA=$home/data
xvfb=
trap '[[ -n $xvfb ]] && kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT

echo "start-up and footprint of $image ($(nproc) CPUs, loadavg $(cut -d' ' -f1 /proc/loadavg)); app archives:" \
  "$(cd "$image/lib/app" && ls -- *.jsa 2>/dev/null | tr '\n' ' ' || true)"
"$cli" --version >/dev/null
for variant in shipped plain; do
  if [[ $variant == shipped ]]; then run=("$cli"); label="with CDS   "; else run=("${cli_plain[@]}"); label="without CDS"; fi
  v=$(for _ in $(seq 10); do ms_of "${run[@]}" --version; done | median)
  p=$(for _ in $(seq 10); do ms_of "${run[@]}" probe --brief 127.0.0.1:1; done | median)
  e=$(for _ in $(seq 10); do ms_of "${run[@]}" probe 127.0.0.1:1; done | median)
  # The probe exits 1 (refused): time reports all the same.
  rss=$( (/usr/bin/time -v "${run[@]}" probe 127.0.0.1:1 2>&1 >/dev/null || true) | sed -n 's/.*Maximum resident set size (kbytes): //p')
  printf 'CLI %s: --version %5s ms, probe --brief %5s ms, probe with explanation %5s ms (medians of 10); peak RSS %s MB\n' \
    "$label" "$v" "$p" "$e" "$(( rss / 1024 ))"
done
classes=$( (JDK_JAVA_OPTIONS=-Xlog:class+load=info "$cli" probe 127.0.0.1:1 2>/dev/null || true) | grep -c 'class,load' || true)
fx=$( (JDK_JAVA_OPTIONS=-Xlog:class+load=info "$cli" probe 127.0.0.1:1 2>/dev/null || true) | grep -c 'class,load.* javafx\.' || true)
echo "CLI probe with explanation loads $classes classes, $fx of them JavaFX"

for d in $(seq 90 140); do [[ -e /tmp/.X$d-lock ]] || { disp=:$d; break; }; done
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
for _ in $(seq 50); do DISPLAY=$disp xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
for variant in shipped plain; do
  if [[ $variant == shipped ]]; then run=("$gui"); label="with CDS   "; else run=("${gui_plain[@]}"); label="without CDS"; fi
  w=$(for _ in $(seq 5); do
    t0=$(date +%s%3N)
    shown=$(DISPLAY=$disp JAVA_TOOL_OPTIONS=-Dconnectdoctor.exitWhenShown=true timeout 60 "${run[@]}" 2>&1 \
      | sed -n 's/.*window shown at epoch-ms \([0-9]*\).*/\1/p')
    [[ -n $shown ]] && echo $(( shown - t0 ))
  done | median)
  DISPLAY=$disp JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary "${run[@]}" >/dev/null 2>&1 & pid=$!
  for _ in $(seq 150); do DISPLAY=$disp xdotool search --onlyvisible --name '^Connect Doctor$' >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 3
  if [[ ! -r /proc/$pid/status ]]; then
    echo "window $label: first frame ${w:-?} ms; the window exited before its memory could be read"
    continue
  fi
  hwm=$(sed -n 's/VmHWM:\s*\([0-9]*\) kB/\1/p' /proc/$pid/status 2>/dev/null || true)
  now=$(sed -n 's/VmRSS:\s*\([0-9]*\) kB/\1/p' /proc/$pid/status 2>/dev/null || true)
  nmt=$(jcmd $pid VM.native_memory summary 2>/dev/null | awk '
    /^-  *(Java Heap|Class|Thread|Code|GC|Internal|Symbol|Other|Arena Chunk)/ {
      name=$0; sub(/^- */,"",name); sub(/ *\(.*/,"",name)
      if (match($0, /committed=[0-9]+KB/)) printf "%s %d, ", name, substr($0, RSTART+10, RLENGTH-12)/1024 }' || true)
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  printf 'window %s: launch to first frame %5s ms (median of 5); idle RSS %s MB now, %s MB peak\n' \
    "$label" "${w:-?}" "$(( ${now:-0} / 1024 ))" "$(( ${hwm:-0} / 1024 ))"
  [[ -n $nmt ]] && echo "  committed MB (NMT): ${nmt%, }"
done
