#!/usr/bin/env bash
# Makes every icon file from connect-doctor.svg. Run it after changing the SVG, and commit the results.
# Needs rsvg-convert (librsvg2-bin), ImageMagick (convert) and png2icns (icnsutils):
#   apt-get install librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" connect-doctor.svg -o "connect-doctor-$size.png"
done
# Windows: one .ico holding the sizes Explorer and the Start menu use.
convert connect-doctor-16.png connect-doctor-24.png connect-doctor-32.png connect-doctor-48.png \
        connect-doctor-64.png connect-doctor-128.png connect-doctor-256.png connect-doctor.ico
# macOS: png2icns takes the sizes Apple's iconutil would (16 … 1024).
png2icns connect-doctor.icns connect-doctor-16.png connect-doctor-32.png connect-doctor-128.png \
         connect-doctor-256.png connect-doctor-512.png connect-doctor-1024.png >/dev/null
rm -f connect-doctor-24.png connect-doctor-64.png
echo "icons written to $(pwd)"
