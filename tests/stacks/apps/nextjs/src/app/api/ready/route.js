// Readiness: really queries every backing service the container was given a URL for.
import { probeBackends } from "../../../lib/probes";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await probeBackends(process.env);
  return Response.json(result, { status: result.ok ? 200 : 503 });
}
