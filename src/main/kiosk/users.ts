import { readFile } from 'node:fs/promises';

export interface UserInfo {
  name: string;
  uid: number;
  gid: number;
  home: string;
  groups: string[];
}

/** Parses /etc/passwd and /etc/group text. Pure, so tests hand it any system. */
export function findUser(passwd: string, group: string, name: string): UserInfo | null {
  const row = passwd
    .split('\n')
    .map((l) => l.split(':'))
    .find((f) => f[0] === name && f.length >= 7);
  if (!row) return null;
  const gid = Number(row[3]);
  const groups = group
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4 && (Number(f[2]) === gid || f[3]!.split(',').includes(name)))
    .map((f) => f[0]!);
  return { name, uid: Number(row[2]), gid, home: row[5]!, groups };
}

export async function lookupUser(name: string, etc = '/etc'): Promise<UserInfo | null> {
  const [passwd, group] = await Promise.all([readFile(`${etc}/passwd`, 'utf8'), readFile(`${etc}/group`, 'utf8').catch(() => '')]);
  return findUser(passwd, group, name);
}
