// Liveness: answers as soon as the server runs. The marker lets the harness see a hot reload.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", marker: "original" });
}
