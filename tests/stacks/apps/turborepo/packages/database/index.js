// The workspace's database package: one query that proves PostgreSQL answers.
const pg = require("pg");

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

module.exports = { probePostgres };
