// Standalone output traced from the workspace root, so the image runs apps/web/server.js.
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  serverExternalPackages: ["pg", "redis", "@repo/database"],
};

export default nextConfig;
