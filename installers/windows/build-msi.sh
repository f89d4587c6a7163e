#!/usr/bin/env bash
# Builds the per-user Windows installer on Linux: target/connect-doctor-windows-x64.msi, from the same
# folder as the portable zip (target/windows-portable/Connect Doctor, made by build-portable.sh, which
# this script runs first when the folder is missing).
#   installers/windows/build-msi.sh
# What the msi does on the help-desk person's machine, without administrator rights:
#   - installs into %LOCALAPPDATA%\Programs\Connect Doctor (InstallScope="perUser");
#   - adds a Start-menu entry "Connect Doctor" (Connect Doctor.exe, the window);
#   - appends the install folder to the user's PATH (HKCU\Environment), so connect-doctor works in a
#     new PowerShell window;
#   - uninstalls cleanly (Settings > Apps, or msiexec /x): files, shortcut and PATH entry go.
# The WiX source is generated here: the file list by msitools' wixl-heat, the rest below; wixl (Debian
# package wixl) compiles it. ProductVersion is the project's version (numeric: Windows Installer
# compares only major.minor.build); the UpgradeCode below never changes, so a newer msi replaces an
# older one (MajorUpgrade).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
die() { echo "build-msi.sh: $*" >&2; exit 1; }

# The product's identity for Windows Installer: never change it (a new one makes a second product).
upgrade_code=6A3C2F4E-8B1D-4C7A-9E52-0D4F1B7C3A91

need=()
command -v wixl >/dev/null || need+=(wixl)
command -v wixl-heat >/dev/null || need+=(wixl)
command -v msiinfo >/dev/null || need+=(msitools)
if (( ${#need[@]} )); then
  (( EUID == 0 )) || die "missing tools: ${need[*]}; install them (apt-get install ${need[*]}) or run as root"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
fi
version=$(sed -n 's:.*<app.version>\(.*\)</app.version>.*:\1:p' pom.xml | head -1)
[[ $version =~ ^[0-9]+(\.[0-9]+){0,3}$ ]] || die "<app.version> '$version' in pom.xml is not numeric (major.minor.build): Windows Installer needs a numeric ProductVersion"

work=$root/target/windows-msi
dist="$root/target/windows-portable/Connect Doctor"
msi=$root/target/connect-doctor-windows-x64.msi
[[ -f $dist/connect-doctor.exe && -f $dist/runtime/bin/java.exe ]] || installers/windows/build-portable.sh
[[ -f $dist/connect-doctor.exe && -f "$dist/Connect Doctor.exe" ]] || die "no portable folder in $dist"
rm -rf "$work" "$msi"
mkdir -p "$work"

# The files: one component per file (wixl-heat), under INSTALLDIR. Sorted, so the source is stable.
(cd "$dist/.." && find "Connect Doctor" -type f | LC_ALL=C sort) \
  | wixl-heat -p "Connect Doctor/" --var var.SourceDir --component-group AppFiles --directory-ref INSTALLDIR --win64 \
  >"$work/files.wxs"

# Per-user components keep an HKCU value as their key path (Windows Installer's rule for per-user
# shortcuts and environment entries; the value also tells the uninstaller the component is there).
cat >"$work/connect-doctor.wxs" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Connect Doctor" Language="1033" Version="$version" Manufacturer="Connect Doctor"
           UpgradeCode="$upgrade_code">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perUser"
             Description="Connect Doctor $version" Comments="Explains why a network connection fails."/>
    <MajorUpgrade DowngradeErrorMessage="A newer version of Connect Doctor is already installed."/>
    <Media Id="1" Cabinet="connect.cab" EmbedCab="yes"/>
    <Property Id="ARPNOMODIFY" Value="1"/>
    <Property Id="ARPPRODUCTICON" Value="ConnectDoctorIcon"/>
    <Icon Id="ConnectDoctorIcon" SourceFile="\$(var.SourceDir)/Connect Doctor.exe"/>

    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="LocalAppDataFolder">
        <Directory Id="ProgramsDir" Name="Programs">
          <Directory Id="INSTALLDIR" Name="Connect Doctor">
            <Component Id="UserPath" Guid="C1D0A6E2-3F47-4B8E-A2D9-5E6F7A8B9C01" Win64="yes">
              <RegistryValue Root="HKCU" Key="Software\\Connect Doctor" Name="InstallDir" Type="string"
                             Value="[INSTALLDIR]" KeyPath="yes"/>
            </Component>
          </Directory>
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder">
        <Component Id="StartMenuShortcut" Guid="4B9E2C7D-1A3F-4E6B-8D05-2F7C9A1E3B62" Win64="yes">
          <Shortcut Id="ConnectDoctorShortcut" Name="Connect Doctor" Description="Explains why a network connection fails"
                    Target="[INSTALLDIR]Connect Doctor.exe" WorkingDirectory="INSTALLDIR" Icon="ConnectDoctorIcon"/>
          <RegistryValue Root="HKCU" Key="Software\\Connect Doctor" Name="StartMenuShortcut" Type="integer"
                         Value="1" KeyPath="yes"/>
        </Component>
      </Directory>
    </Directory>

    <Feature Id="Main" Title="Connect Doctor" Level="1">
      <ComponentGroupRef Id="AppFiles"/>
      <ComponentRef Id="UserPath"/>
      <ComponentRef Id="StartMenuShortcut"/>
    </Feature>
  </Product>
</Wix>
EOF

# wixl takes no absolute source paths: it runs in target/ and finds the folder relative to it.
(cd "$root/target" && wixl -a x64 -D SourceDir="windows-portable/Connect Doctor" -D Win64=yes -o "$msi" \
  windows-msi/connect-doctor.wxs windows-msi/files.wxs)
[[ -f $msi ]] || die "wixl left no $msi"
# The user's PATH entry. wixl 0.101 has no <Environment> element, so its Environment table (the one
# WiX would write for <Environment Name="PATH" Value="[INSTALLDIR]" Part="last" Action="set"
# System="no" Permanent="no"/>) is imported here with msitools' msibuild, with the two standard actions
# that write it at install and remove it at uninstall. "=-" : set at install, removed at uninstall, in
# the user's environment (no "*"); "[~];" : appended to what PATH holds.
printf 'Environment\tName\tValue\tComponent_\ns72\tl255\tL255\ts72\nEnvironment\tEnvironment\nUserPathEntry\t=-PATH\t[~];[INSTALLDIR]\tUserPath\n' \
  >"$work/Environment.idt"
msibuild "$msi" -i "$work/Environment.idt"
msibuild "$msi" -q "INSERT INTO InstallExecuteSequence (Action, Sequence) VALUES ('RemoveEnvironmentStrings', 3300)"
msibuild "$msi" -q "INSERT INTO InstallExecuteSequence (Action, Sequence) VALUES ('WriteEnvironmentStrings', 5200)"
msiinfo export "$msi" Environment | tr -d "\r" | grep -q '^UserPathEntry	=-PATH	\[~\];\[INSTALLDIR\]	UserPath$' \
  || die "the msi has no PATH entry"
msiinfo export "$msi" Property | grep -q "^ProductVersion	$version" || die "the msi's ProductVersion is not $version"
files=$(msiinfo export "$msi" File | tail -n +4 | wc -l)
echo "$(basename "$msi"): $(du -sb "$msi" | awk '{printf "%.1f MB", $1 / 1048576}') ($files files, version $version, per-user)"
