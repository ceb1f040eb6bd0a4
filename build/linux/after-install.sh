#!/bin/sh
# postinst of the CorcyPower .deb (electron-builder deb.afterInstall). electron-builder
# fills in the dollar-brace macros executable and sanitizedProductName; every other
# shell variable here is written without braces so it is not taken for a macro.
# POSIX sh: test/packaging runs sh -n and ShellCheck on the script inside the
# built package.
#
# Choose at install time:  sudo CORCY_POWER_USER=pi CORCY_POWER_MODE=desktop apt install ./corcy-power_*.deb
#   CORCY_POWER_USER  the user the kiosk runs as (default: the user with uid 1000)
#   CORCY_POWER_MODE  desktop (default) | cage | headless | none
# Change later with:  sudo corcy-power install-kiosk --user pi --mode cage
# CORCY_POWER_ROOT prefixes every path (tests stage an install in a temp dir).

R="$CORCY_POWER_ROOT"  # empty on a real install
APP="/opt/${sanitizedProductName}"
EXE='${executable}'

K="$R$APP/resources/kiosk"
# --- what electron-builder's own postinst does: the command on PATH, the sandbox.
# The command is the wrapper (corcy-power-kiosk's sibling in resources/kiosk) that
# lets `sudo corcy-power install-kiosk` start Electron as root; it runs $APP/$EXE.
CMD="$APP/resources/kiosk/$EXE"
chmod 0755 "$R$CMD"
if type update-alternatives >/dev/null 2>&1 && [ -z "$R" ]; then
  # An older CorcyPower pointed the alternative at the Electron binary itself.
  update-alternatives --remove "$EXE" "$APP/$EXE" >/dev/null 2>&1 || true
  update-alternatives --install "/usr/bin/$EXE" "$EXE" "$CMD" 100 || ln -sf "$CMD" "/usr/bin/$EXE"
else
  mkdir -p "$R/usr/bin" && ln -sf "$CMD" "$R/usr/bin/$EXE"
fi
if ! { [ -L /proc/self/ns/user ] && unshare --user true; } 2>/dev/null; then
  chmod 4755 "$R$APP/chrome-sandbox" 2>/dev/null || true
else
  chmod 0755 "$R$APP/chrome-sandbox" 2>/dev/null || true
fi
if hash update-desktop-database 2>/dev/null; then update-desktop-database "$R/usr/share/applications" || true; fi

# --- CorcyPower: the boot files (rendered from src/main/kiosk by npm run kiosk-templates).
install -D -m 0755 "$K/corcy-power-kiosk" "$R/usr/bin/corcy-power-kiosk"
install -D -m 0644 "$K/corcy-power-kiosk@.service" "$R/lib/systemd/system/corcy-power-kiosk@.service"
install -D -m 0644 "$K/corcy-power-serve@.service" "$R/lib/systemd/system/corcy-power-serve@.service"

MODE="desktop"; [ -n "$CORCY_POWER_MODE" ] && MODE="$CORCY_POWER_MODE"
U="$CORCY_POWER_USER"
[ -z "$U" ] && U="$(getent passwd 1000 | cut -d: -f1)"
if [ "$MODE" = none ] || [ -z "$U" ]; then
  echo "CorcyPower: no kiosk set up (mode $MODE, user '$U'); run: sudo corcy-power install-kiosk --user USER --mode desktop|cage|headless"
  exit 0
fi
case "$MODE" in desktop|cage|headless) ;; *) echo "CorcyPower: unknown CORCY_POWER_MODE '$MODE', using desktop"; MODE=desktop ;; esac
H="$(getent passwd "$U" | cut -d: -f6)"

# SPI access without root: the spi group owns /dev/spidev* on Raspberry Pi OS.
if getent group spi >/dev/null; then adduser "$U" spi >/dev/null || true
else echo "CorcyPower: no spi group here: enable SPI (raspi-config) and run: sudo adduser $U spi"; fi

AUTOSTART="$R$H/.config/autostart/corcy-power.desktop"
systemctl daemon-reload 2>/dev/null || true
case "$MODE" in
  desktop)
    install -D -m 0644 -o "$U" -g "$(id -gn "$U")" "$K/corcy-power.desktop" "$AUTOSTART"
    systemctl disable "corcy-power-kiosk@$U.service" "corcy-power-serve@$U.service" 2>/dev/null || true
    systemctl set-default graphical.target 2>/dev/null || true
    echo "CorcyPower: starts when $U logs in to the desktop (turn on desktop auto-login in raspi-config)" ;;
  cage)
    rm -f "$AUTOSTART"
    systemctl disable "corcy-power-serve@$U.service" 2>/dev/null || true
    systemctl enable "corcy-power-kiosk@$U.service" || true
    # Boot to console: no display manager on the screen cage takes (docs/pi-setup.md).
    systemctl set-default multi-user.target 2>/dev/null || true
    echo "CorcyPower: cage kiosk on tty1 for $U at boot, booting to console (needs: apt install cage)" ;;
  headless)
    rm -f "$AUTOSTART"
    systemctl disable "corcy-power-kiosk@$U.service" 2>/dev/null || true
    systemctl enable "corcy-power-serve@$U.service" || true
    echo "CorcyPower: corcy-power serve runs at boot as $U" ;;
esac
exit 0
