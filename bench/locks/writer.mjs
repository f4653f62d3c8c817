/**
 * The concurrent writer of the lock bench, run as a forked child (IPC): small transactions
 * (INSERT one row + UPDATE one row) against 127.0.0.1, paced at one every `intervalMs`, until the
 * parent sends "stop" or a bound is hit (`maxTransactions`, `maxMs`). Replies with every
 * transaction's start (epoch ms) and latency (ms).
 *
 * argv[2]: JSON { url, firstId, existingRows, intervalMs, maxTransactions, maxMs }
 */
import pg from "pg";

const options = JSON.parse(process.argv[2] ?? "{}");
const host = new URL(options.url).hostname;
if (host !== "127.0.0.1" && host !== "localhost")
  throw new Error(`the writer only targets localhost, not ${host}`);

const client = new pg.Client({ connectionString: options.url });
await client.connect();
let stopping = false;
process.on("message", (message) => {
  if (message === "stop") stopping = true;
});

/** Deterministic row choice for the UPDATE (xorshift), so every run touches the same pages. */
let seed = 0x9e3779b9;
function nextRow() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return 1 + ((seed >>> 0) % options.existingRows);
}

const starts = [];
const latencies = [];
const began = performance.now();
let nextSlot = began;
process.send?.({ type: "ready" });
for (let i = 0; i < options.maxTransactions && !stopping; i++) {
  if (performance.now() - began > options.maxMs) break;
  const wait = nextSlot - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  nextSlot = Math.max(nextSlot + options.intervalMs, performance.now());
  const id = options.firstId + i;
  const start = performance.now();
  await client.query("BEGIN");
  await client.query(
    "INSERT INTO lock_events (id, parent_id, tenant_id, amount, email, created_at) VALUES ($1, $2, $3, $4, $5, now())",
    [id, 1 + (id % 1000), 1 + (id % 50), id % 1000, `writer${id}@example.com`],
  );
  await client.query("UPDATE lock_events SET amount = amount + 1 WHERE id = $1", [nextRow()]);
  await client.query("COMMIT");
  starts.push(performance.timeOrigin + start);
  latencies.push(performance.now() - start);
}
await client.end();
process.send?.({ type: "result", starts, latencies }, () => process.exit(0));
