/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and names the hot spots: self time per function and per
 * package, so the README can cite a real profile rather than a guess.
 */
import { readFileSync } from "node:fs";

/** Where a script lives, shortened: `@pg-flux/inspector dist/read/state.js`, `pg-protocol`, `node:internal`. */
function owner(url) {
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const pkg = /\/packages\/([^/]+)\/(dist\/.*)$/.exec(url);
  if (pkg) return `@pg-flux/${pkg[1]} ${pkg[2]}`;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (module) return module[1];
  return url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-2)
    .join("/");
}

/**
 * @param {string} file
 * @param {number} [top]
 * @returns {{ totalMs: number, functions: { name: string, where: string, selfMs: number, share: number }[], packages: { where: string, selfMs: number, share: number }[] }}
 */
export function hotSpots(file, top = 10) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byFunction = new Map();
  const byPackage = new Map();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    totalMs += ms;
    const name = frame.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)" || name === "(garbage collector)") {
      byFunction.set(name, { name, where: "", selfMs: (byFunction.get(name)?.selfMs ?? 0) + ms });
      continue;
    }
    const where = `${owner(frame.url)}:${frame.lineNumber + 1}`;
    const key = `${name} ${where}`;
    byFunction.set(key, { name, where, selfMs: (byFunction.get(key)?.selfMs ?? 0) + ms });
    const pkg = owner(frame.url).split(" ")[0];
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  const share = (ms) => (totalMs > 0 ? ms / totalMs : 0);
  return {
    totalMs,
    functions: [...byFunction.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((entry) => ({ ...entry, share: share(entry.selfMs) })),
    packages: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, selfMs]) => ({ where, selfMs, share: share(selfMs) })),
  };
}
