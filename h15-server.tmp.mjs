import { startEmbeddedPostgres } from "@pg-flux/engine";

const major = Number(process.argv[2] ?? "18");
const s = await startEmbeddedPostgres({ major });
console.log(s.url);
process.on("SIGTERM", async () => {
  await s.stop();
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
