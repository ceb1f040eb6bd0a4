import { describe, expect, it } from 'vitest';
import { BROWSER_LAUNCHER, KIOSK_MODES, commandsFor, planKiosk } from '../../../src/main/kiosk/kiosk-plan';

const packaged = { kind: 'packaged', executable: '/usr/bin/corcy-power' } as const;
const checkout = { kind: 'checkout', dir: '/home/pi/corcy power', node: '/usr/bin/node' } as const;
const plan = (mode: (typeof KIOSK_MODES)[number], root = '') => planKiosk({ mode, user: 'pi', home: '/home/pi', layout: packaged, root });

describe('planKiosk()', () => {
  it('enables exactly one way to start per mode and disables the others', () => {
    const enabled = (m: (typeof KIOSK_MODES)[number]) =>
      plan(m)
        .commands.find((c) => c[1] === 'enable')
        ?.slice(2) ?? [];
    const disabled = (m: (typeof KIOSK_MODES)[number]) =>
      plan(m)
        .commands.find((c) => c[1] === 'disable')!
        .slice(2);
    expect(enabled('desktop')).toEqual([]);
    expect(disabled('desktop')).toEqual(['corcy-power-kiosk@pi.service', 'corcy-power-serve@pi.service', 'corcy-power-browser@pi.service']);
    expect(enabled('cage')).toEqual(['corcy-power-kiosk@pi.service']);
    expect(disabled('cage')).toEqual(['corcy-power-serve@pi.service', 'corcy-power-browser@pi.service']);
    expect(enabled('headless')).toEqual(['corcy-power-serve@pi.service']);
    expect(disabled('headless')).toEqual(['corcy-power-kiosk@pi.service', 'corcy-power-browser@pi.service']);
    expect(enabled('browser')).toEqual(['corcy-power-serve@pi.service', 'corcy-power-browser@pi.service']);
    expect(disabled('browser')).toEqual(['corcy-power-kiosk@pi.service']);
  });

  describe('in browser mode', () => {
    const browser = (screen: 'cage' | 'desktop') =>
      planKiosk({ mode: 'browser', screen, user: 'pi', home: '/home/pi', layout: checkout, root: '', serveArgs: ['--host', '0.0.0.0'] });
    const file = (p: ReturnType<typeof browser>, path: string) => p.write.find((f) => f.path === path)?.content ?? '';

    it('binds serve to loopback on port 8080 whatever serve arguments were asked, so the page may change settings', () => {
      const unit = file(browser('cage'), '/etc/systemd/system/corcy-power-serve@.service');
      expect(unit).toContain("ExecStart=/usr/bin/node '/home/pi/corcy power/bin/corcy-power.js' serve --host 127.0.0.1 --port 8080\n");
    });

    it('under cage, shows Chromium on tty1 once serve is started, wanted by the console boot', () => {
      const p = browser('cage');
      const unit = file(p, '/etc/systemd/system/corcy-power-browser@.service');
      expect(unit).toContain(`ExecStart=/usr/bin/cage -d -- ${BROWSER_LAUNCHER} --ozone-platform=wayland`);
      expect(unit).toMatch(/^Wants=corcy-power-serve@%i\.service$/m);
      expect(unit).toMatch(/^After=corcy-power-serve@%i\.service$/m);
      expect(unit).toMatch(/^WantedBy=multi-user\.target$/m);
      expect(p.commands).toContainEqual(['systemctl', 'set-default', 'multi-user.target']);
      expect(p.remove).toEqual(['/home/pi/.config/autostart/corcy-power.desktop']);
    });

    it('on the desktop, starts serve at boot and Chromium from the autostart entry', () => {
      const p = browser('desktop');
      expect(file(p, '/home/pi/.config/autostart/corcy-power.desktop')).toContain(`Exec=${BROWSER_LAUNCHER}\n`);
      expect(p.commands).toContainEqual(['systemctl', 'enable', 'corcy-power-serve@pi.service']);
      expect(p.commands).toContainEqual(['systemctl', 'disable', 'corcy-power-kiosk@pi.service', 'corcy-power-browser@pi.service']);
      expect(p.commands).toContainEqual(['systemctl', 'set-default', 'graphical.target']);
    });
  });

  it('writes the autostart entry in the user home only in desktop mode, and removes it otherwise', () => {
    const autostart = '/home/pi/.config/autostart/corcy-power.desktop';
    expect(plan('desktop').write.find((f) => f.path === autostart)?.userOwned).toBe(true);
    expect(plan('cage').remove).toEqual([autostart]);
    expect(plan('headless').write.some((f) => f.path === autostart)).toBe(false);
  });

  it('boots to console for cage, to the desktop for desktop, and leaves the boot target alone headless', () => {
    const target = (m: (typeof KIOSK_MODES)[number]) => plan(m).commands.find((c) => c[1] === 'set-default')?.[2] ?? null;
    expect(target('cage')).toBe('multi-user.target');
    expect(target('desktop')).toBe('graphical.target');
    expect(target('headless')).toBeNull();
  });

  it('adds the user to the spi group and reloads systemd before enabling', () => {
    const cmds = plan('cage').commands.map((c) => c.join(' '));
    expect(cmds.slice(0, 2)).toEqual(['adduser pi spi', 'systemctl daemon-reload']);
  });

  it('puts every path under the staging root', () => {
    const p = plan('desktop', '/tmp/stage');
    for (const f of [...p.write.map((w) => w.path), ...p.remove]) expect(f.startsWith('/tmp/stage/')).toBe(true);
  });

  it('refuses a user name that could inject into a unit file', () => {
    expect(() => planKiosk({ mode: 'cage', user: 'pi\nExecStartPre=/bin/sh', home: '/home/pi', layout: packaged, root: '' })).toThrow(/not a valid user name/);
  });
});

describe('commandsFor()', () => {
  it('runs the packaged executable headless for the CLI, and quotes checkout paths with spaces', () => {
    expect(commandsFor(packaged).cli).toBe('/usr/bin/corcy-power --ozone-platform=headless');
    expect(commandsFor(checkout)).toEqual({
      electron: "'/home/pi/corcy power/node_modules/.bin/electron' '/home/pi/corcy power'",
      cli: "/usr/bin/node '/home/pi/corcy power/bin/corcy-power.js'",
    });
  });
});
