/**
 * Start-up of the installed command line, hyperfine-style: each command runs `--runs` times (after
 * `--warmup` unmeasured runs) as a fresh `node packages/pg-flux/bin/pg-flux.js …` process, and the
 * table gives the median, mean and min wall time and the median CPU time (user + system of the
 * process, from /proc/self/stat's reaped-children counters) next to a bare `node -e 0`, the floor
 * no Node CLI can go below. Measures the bundled package (`npm run build` first). Not a timed test.
 *
 *   node bench/startup.mjs [--runs=20] [--warmup=3]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "packages/pg-flux/bin/pg-flux.js");
const option = (name, fallback) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? Number(given.slice(name.length + 3)) : fallback;
};
const runs = option("runs", 20);
const warmup = option("warmup", 3);

const COMMANDS = [
  { label: "node -e 0 (floor)", args: ["-e", "0"], bare: true },
  { label: "pg-flux --version", args: ["--version"] },
  { label: "pg-flux --help", args: ["--help"] },
  { label: "pg-flux migrate plan --help", args: ["migrate", "plan", "--help"] },
];

/** CPU seconds of this process's reaped children (utime + stime of /proc/self/stat, in clock ticks of 10 ms). */
function childrenCpuMs() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  // after the comm field: state is fields[0], so cutime (16th field overall) is fields[13], cstime fields[14]
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runOnce(command) {
  const args = command.bare ? command.args : [bin, ...command.args];
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.label} exited ${result.status}: ${result.stderr}`);
  return { wallMs, cpuMs: childrenCpuMs() - cpuBefore };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const [load1] = readFileSync("/proc/loadavg", "utf8").split(" ");
console.log(
  `start-up, ${runs} runs after ${warmup} warm-up runs, interleaved; load average ${load1} at the start`,
);
const samples = new Map(COMMANDS.map((command) => [command.label, []]));
for (let round = -warmup; round < runs; round++) {
  for (const command of COMMANDS) {
    const sample = runOnce(command);
    if (round >= 0) samples.get(command.label).push(sample);
  }
}
const rows = COMMANDS.map(({ label }) => {
  const list = samples.get(label);
  const wall = list.map((sample) => sample.wallMs);
  return {
    command: label,
    "median wall": `${median(wall).toFixed(0)} ms`,
    "mean wall": `${(wall.reduce((a, b) => a + b, 0) / wall.length).toFixed(0)} ms`,
    "min wall": `${Math.min(...wall).toFixed(0)} ms`,
    "median CPU": `${median(list.map((sample) => sample.cpuMs)).toFixed(0)} ms`,
  };
});
console.table(rows);
const [end1] = readFileSync("/proc/loadavg", "utf8").split(" ");
console.log(`load average ${end1} at the end`);
