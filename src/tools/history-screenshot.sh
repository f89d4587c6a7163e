#!/usr/bin/env bash
# Takes assets/history-after-restart-1180x760.png: the window at 1180x760 started on a data folder
# that two command-line probes to loopback (one connected, one refused) filled before it, the
# refused run selected in the history pane and its saved report shown. Loopback only.
#   src/tools/history-screenshot.sh [OUT.png]     (after ./mvnw -o compile)
set -euo pipefail
out=${1:-assets/history-after-restart-1180x760.png}
work=$(mktemp -d)
trap 'kill $lpid 2>/dev/null || true; rm -rf "$work"' EXIT
mp=target/classes:$(tr ':' '\n' < <(./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=/dev/stdout) | grep -E '/(javafx-|controlsfx-|jna-|picocli-|snakeyaml-)' | paste -sd:)
export CONNECT_DOCTOR_DATA=$work/data
cd_java=(java --module-path "$mp" --add-exports=javafx.base/com.sun.javafx.event=org.controlsfx.controls
         -Dconnectdoctor.settings="$work/settings.properties"
         -m org.connectdoctor/org.connectdoctor.Main)
# a listener on loopback for the run that connects; a port closed after it for the one refused
python3 -c 'import socket,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(8); print(s.getsockname()[1], flush=True); time.sleep(60)' \
    > "$work/port" & lpid=$!
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.1; done
port=$(cat "$work/port")
"${cd_java[@]}" probe --brief "127.0.0.1:$port" || true
kill $lpid; wait $lpid 2>/dev/null || true
"${cd_java[@]}" probe "127.0.0.1:$port" || true
printf 'format=1\nwindow.width=1180.0\nwindow.height=760.0\ntheme.dark=false\n' > "$work/settings.properties"
# the window, restarted on that folder; once it shows, the newer run (the refused one, first row) is clicked
cat > "$work/window.sh" <<EOS
#!/usr/bin/env bash
( for _ in \$(seq 150); do
    win=\$(xdotool search --onlyvisible --name 'Connect Doctor' 2>/dev/null | head -1) && [[ -n \$win ]] && break
    sleep 0.2
  done
  sleep 2
  xdotool windowmove "\$win" 0 0
  sleep 0.5
  xdotool mousemove 80 \${ROW_Y:-135} click 1 ) &
exec $(printf '%q ' "${cd_java[@]}")
EOS
chmod +x "$work/window.sh"
/work/shared/tools/screenshot.sh -w 6 -s 1280x800 "$work/shot.png" -- "$work/window.sh"
convert "$work/shot.png" -crop 1180x760+0+0 +repage "$out"
echo "saved $out"
