#!/bin/sh
# postrm of the CorcyPower .deb (electron-builder deb.afterRemove). The database and
# the config stay in the user's home: removing the app never removes readings.

R="$CORCY_POWER_ROOT"  # empty on a real install
APP="/opt/${sanitizedProductName}"
EXE='${executable}'

if type update-alternatives >/dev/null 2>&1 && [ -z "$R" ]; then
  update-alternatives --remove "$EXE" "$APP/resources/kiosk/$EXE" || true
else
  rm -f "$R/usr/bin/$EXE"
fi

# On upgrade the new postinst puts everything back; only a removal stops the units.
if [ "$1" = remove ] || [ "$1" = purge ]; then
  for unit in $(systemctl list-units --all --plain --no-legend 'corcy-power-*@*.service' 2>/dev/null | cut -d' ' -f1); do
    systemctl disable --now "$unit" 2>/dev/null || true
  done
  rm -f "$R/usr/bin/corcy-power-kiosk" "$R/lib/systemd/system/corcy-power-kiosk@.service" "$R/lib/systemd/system/corcy-power-serve@.service"
  rm -f "$R"/home/*/.config/autostart/corcy-power.desktop
  systemctl daemon-reload 2>/dev/null || true
fi
exit 0
