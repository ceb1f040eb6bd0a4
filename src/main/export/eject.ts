import { execFile } from 'node:child_process';
import type { Mount } from './destination';

export type CommandRunner = (command: string, args: readonly string[]) => Promise<{ code: number; output: string }>;

/** Runs a program without a shell; a missing program is exit code 127, as a shell would say. */
const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : err.code === 'ENOENT' ? 127 : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() || (err?.message ?? '') });
    });
  });

/**
 * Unmounts a stick so it can be pulled out safely: udisks2 when it is there (no
 * root needed for a desktop user's stick), else `eject`. Only a mount found under
 * the media folders can be named, so a request cannot unmount anything else.
 */
export async function ejectMount(dir: string, mounts: readonly Mount[], run: CommandRunner = runCommand): Promise<{ ok: boolean; message: string }> {
  const m = mounts.find((x) => x.dir === dir);
  if (!m) return { ok: false, message: `${dir} is not a mounted USB stick` };
  const tries: [string, string[]][] = [];
  if (m.device) tries.push(['udisksctl', ['unmount', '-b', m.device]]);
  tries.push(['eject', [m.device || m.dir]]);
  let last = '';
  for (const [cmd, args] of tries) {
    const r = await run(cmd, args);
    if (r.code === 0) return { ok: true, message: `${dir} can be removed` };
    last = `${cmd}: ${r.output || `exit ${r.code}`}`;
  }
  return { ok: false, message: last };
}
