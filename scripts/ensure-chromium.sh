#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests exists, with CJK and emoji fonts (without them the
# screenshots show boxes for Chinese): Debian's packages, installed with apt when missing and we
# are root; otherwise says what to install. Prints the browser's path.
set -euo pipefail
browser=""
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then browser=$candidate; break; fi
done
missing=()
[ -n "$browser" ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]} (for the webview and VS Code UI tests)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    [ -n "$browser" ] || browser=/usr/bin/chromium
  elif [ -z "$browser" ]; then
    echo "Chromium is needed for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk)," >&2
    echo "or set CHROMIUM_PATH to a Chromium or Chrome executable." >&2
    exit 1
  else
    echo "Note: ${missing[*]} not installed; screenshots may show boxes for Chinese text." >&2
  fi
fi
echo "$browser"
