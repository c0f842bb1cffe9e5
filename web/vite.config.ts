// Builds the dashboard into web/dist, which the API process serves in production (api/serve-web.ts).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL("./dist", import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  // In development the API runs separately (npm start) and Vite forwards /api to it, as a request to
  // the API's own host and origin (open mode answers only to its loopback Host and port).
  server: { proxy: { "/api": { target: "http://localhost:8080", changeOrigin: true, headers: { origin: "http://localhost:8080" } } } },
});
