// Probes PostgreSQL (SELECT 1 plus the server's timezone) and Redis (PING) when their URLs are set.
import pg from "pg";
import { createClient } from "redis";

async function probePostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT 1 AS one, current_setting('TimeZone') AS timezone");
    return { one: rows[0].one, timezone: rows[0].timezone };
  } finally {
    await client.end();
  }
}

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

export async function probeBackends(env) {
  const checks = {};
  let ok = true;
  for (const [name, url, probe] of [
    ["postgres", env.DATABASE_URL, probePostgres],
    ["redis", env.REDIS_URL, probeRedis],
  ]) {
    if (!url) continue;
    try {
      checks[name] = await probe(url);
    } catch (error) {
      ok = false;
      checks[name] = { error: String(error && error.message ? error.message : error) };
    }
  }
  return { ok, checks };
}
