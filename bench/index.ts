// `npm run bench`: each benchmark prints its own figures (medians and ratios
// against a baseline measured in the same run). A new one is a module and a line here.
import * as acquisition from './acquisition.bench';
import * as exportBench from './export.bench';
import * as floor from './floor.bench';
import * as storage from './storage.bench';
import * as history from './history.bench';
import * as importBench from './import.bench';
import * as mqtt from './mqtt.bench';
import * as footprint from './footprint.bench';
import * as time from './time.bench';

type Bench = { run: () => string[] | Promise<string[]> };
const BENCHES: [string, Bench][] = [
  ['history', history],
  ['acquisition', acquisition],
  ['storage', storage],
  ['export', exportBench],
  ['import', importBench],
  ['mqtt', mqtt],
  ['time', time],
  ['floor', floor],
];
// Opt-in: it runs for half an hour by default (`npm run bench -- footprint`).
const OPT_IN: [string, Bench][] = [['footprint', footprint]];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, bench] of [...BENCHES, ...OPT_IN]) {
    if (only ? name !== only : OPT_IN.some(([n]) => n === name)) continue;
    console.log(`\n== ${name}`);
    for (const line of await bench.run()) console.log(`  ${line}`);
  }
}

void main();
