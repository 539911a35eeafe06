// The "build": copies the server into dist/ with a build stamp, as a compile step would.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

mkdirSync("dist", { recursive: true });
const source = readFileSync("src/server.js", "utf8");
writeFileSync("dist/server.js", `// built ${new Date(0).toISOString()}\n${source}`);
console.log("built dist/server.js");
