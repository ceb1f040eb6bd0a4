import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

export const ROOT = join(__dirname, '..', '..');

/**
 * The parts of electron-builder.yml the packaging tests read. Not validated here:
 * electron-builder-config.test.ts checks the whole file against electron-builder's schema.
 */
export interface BuilderConfig extends Record<string, unknown> {
  executableName: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  extraResources: { from: string; to: string }[];
  linux: { icon: string; target: { target: string; arch: string[] }[]; desktop: { entry: Record<string, string> } };
  deb: { afterInstall: string; afterRemove: string };
}

export const readBuilderConfig = (): BuilderConfig => load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
