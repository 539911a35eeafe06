// A plain Node HTTP server: /health for the healthcheck, graceful stop on SIGTERM.
const http = require("node:http");

const port = Number(process.env.PORT || 8080);

const server = http.createServer((request, response) => {
  if (request.url === "/health") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ status: "ok", marker: "original", logLevel: process.env.LOG_LEVEL || null }));
    return;
  }
  response.writeHead(404, { "content-type": "text/plain" });
  response.end("not found\n");
});

// Every interface, as most Node servers do (HOSTNAME is the container's name in development).
server.listen(port, () => console.log(`listening on port ${port}`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    console.log(`${signal}: closing`);
    server.close(() => process.exit(0));
  });
}
