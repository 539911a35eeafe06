// Readiness: PostgreSQL through the workspace's @repo/database package, Redis with PING.
import { probePostgres } from "@repo/database";
import { createClient } from "redis";

export const dynamic = "force-dynamic";

async function probeRedis(url) {
  const client = createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on("error", () => {});
  await client.connect();
  try {
    return { ping: await client.ping() };
  } finally {
    await client.quit();
  }
}

export async function GET() {
  const checks = {};
  let ok = true;
  for (const [name, url, probe] of [
    ["postgres", process.env.DATABASE_URL, probePostgres],
    ["redis", process.env.REDIS_URL, probeRedis],
  ]) {
    if (!url) continue;
    try {
      checks[name] = await probe(url);
    } catch (error) {
      ok = false;
      checks[name] = { error: String(error && error.message ? error.message : error) };
    }
  }
  return Response.json({ ok, checks }, { status: ok ? 200 : 503 });
}
