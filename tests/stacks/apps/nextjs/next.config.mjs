// Standalone output: the generated Dockerfile copies .next/standalone and runs server.js.
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  // pg and redis stay plain Node requires, traced into the standalone output.
  serverExternalPackages: ["pg", "redis"],
};

export default nextConfig;
