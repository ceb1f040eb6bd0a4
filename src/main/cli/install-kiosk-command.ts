import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BROWSER_SCREENS, type BrowserScreen, KIOSK_MODES, type KioskMode, type KioskPlan, type Layout, kioskTemplates, planKiosk } from '../kiosk/kiosk-plan';
import { diagnoseSpi } from '../kiosk/spi-access';
import { lookupUser } from '../kiosk/users';
import { type Command, UsageError } from './command';

const run = promisify(execFile);

/** The checkout this code runs from (out/main/cli.js, a chunk of it, or src/ under tests). */
function findCheckout(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'corcy-power.js')) && existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`cannot find the CorcyPower checkout above ${from}`);
}

/** Where this command runs from: the .deb sets CORCY_POWER_EXECUTABLE; otherwise a checkout. */
function detectLayout(env: NodeJS.ProcessEnv = process.env): Layout {
  if (env.CORCY_POWER_EXECUTABLE) return { kind: 'packaged', executable: env.CORCY_POWER_EXECUTABLE };
  return { kind: 'checkout', dir: findCheckout(dirname(fileURLToPath(import.meta.url))), node: process.execPath };
}

function describePlan(plan: KioskPlan): string[] {
  return [
    ...plan.write.map((f) => `write  ${f.path} (${f.mode.toString(8)}${f.userOwned ? ', owned by the user' : ''})`),
    ...plan.remove.map((p) => `remove ${p}`),
    ...plan.commands.map((c) => `run    ${c.join(' ')}`),
    ...plan.notes.map((n) => `note   ${n}`),
  ];
}

async function apply(plan: KioskPlan, uid: number, gid: number, runCommands: boolean, log: (l: string) => void): Promise<void> {
  for (const f of plan.write) {
    await mkdir(dirname(f.path), { recursive: true });
    await writeFile(f.path, f.content, { mode: f.mode });
    if (f.userOwned && runCommands) await chown(f.path, uid, gid);
    log(`wrote ${f.path}`);
  }
  for (const p of plan.remove) await rm(p, { force: true });
  if (!runCommands) return;
  for (const [cmd, ...args] of plan.commands) {
    try {
      await run(cmd!, args);
    } catch (err) {
      // adduser fails off a Pi (no spi group); say so and carry on with the rest.
      log(`warning: ${cmd} ${args.join(' ')} failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
}

/** What the .deb ships in resources/kiosk: systemd %i units, run by /usr/bin/corcy-power. */
export const packagedTemplates = (): Record<string, string> => kioskTemplates({ kind: 'packaged', executable: '/usr/bin/corcy-power' }, '/usr/bin/corcy-power-kiosk');

async function writeTemplates(dir: string, log: (l: string) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(packagedTemplates())) {
    await writeFile(`${dir}/${name}`, text, { mode: text.startsWith('#!') ? 0o755 : 0o644 });
    log(`wrote ${dir}/${name}`);
  }
}

export const installKioskCommand: Command = {
  name: 'install-kiosk',
  summary: 'start CorcyPower at boot for a user: desktop autostart, a cage kiosk, headless serve, or serve + Chromium',
  usage:
    'corcy-power install-kiosk [--user USER] [--mode desktop|cage|headless|browser] [--screen cage|desktop] [--dry-run] [--root DIR] [--templates DIR]\n' +
    '  --mode browser   serve on 127.0.0.1:8080 and the system Chromium full screen on it (32-bit or 1 GB boards)\n' +
    '  --screen         browser mode: under cage from the console (default), or from the desktop autostart\n' +
    '  --root DIR       write under DIR instead of / and run no command (staging, tests)\n' +
    '  --templates DIR  write the files the .deb ships (systemd %i units) into DIR and exit',
  options: {
    user: { type: 'string' },
    mode: { type: 'string' },
    screen: { type: 'string' },
    'dry-run': { type: 'boolean' },
    root: { type: 'string' },
    templates: { type: 'string' },
  },
  async run(ctx) {
    const log = (l: string): void => console.log(l);
    const templates = ctx.values.templates as string | undefined;
    if (templates !== undefined) {
      await writeTemplates(templates, log);
      return 0;
    }
    const layout = detectLayout();
    const mode = (ctx.values.mode as string | undefined) ?? 'desktop';
    if (!(KIOSK_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be ${KIOSK_MODES.join(', ')}, got "${mode}"`);
    const screen = (ctx.values.screen as string | undefined) ?? 'cage';
    if (!(BROWSER_SCREENS as readonly string[]).includes(screen)) throw new UsageError(`--screen must be ${BROWSER_SCREENS.join(' or ')}, got "${screen}"`);
    if (ctx.values.screen !== undefined && mode !== 'browser') throw new UsageError('--screen goes with --mode browser only');
    const name = (ctx.values.user as string | undefined) ?? process.env.SUDO_USER ?? process.env.USER;
    if (!name) throw new UsageError('--user is required (no SUDO_USER or USER to default to)');
    const user = await lookupUser(name);
    if (!user) throw new UsageError(`no such user "${name}"`);
    const root = ctx.values.root as string | undefined;
    const dryRun = ctx.values['dry-run'] === true;
    const plan = planKiosk({ mode: mode as KioskMode, screen: screen as BrowserScreen, user: user.name, home: user.home, layout, root: root ?? '' });
    if (!dryRun && root === undefined && process.getuid?.() !== 0) {
      throw new UsageError('writes to /etc and runs systemctl: run it with sudo (or use --dry-run)');
    }
    const device = '/dev/spidev0.0';
    const spi = diagnoseSpi({ device, user: user.name, accessError: existsSync(device) ? (user.groups.includes('spi') ? null : 'EACCES') : 'ENOENT', groups: user.groups });
    if (dryRun) {
      for (const l of describePlan(plan)) log(l);
    } else {
      await apply(plan, user.uid, user.gid, root === undefined, log);
      if (root !== undefined) for (const l of describePlan(plan).filter((l) => !l.startsWith('write'))) log(l);
      else for (const n of plan.notes) log(`note: ${n}`);
    }
    log(spi.ok ? `spi: ${spi.message}` : `spi: ${spi.message}\n     fix: ${spi.fix}`);
    return 0;
  },
};
