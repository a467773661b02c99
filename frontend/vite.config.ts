import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const backend = process.env.OASIS_BACKEND_URL ?? "http://127.0.0.1:8000";

// The backend serves dist/ at the site root (WhiteNoise), so assets keep Vite's default /assets/ paths.
// The dev proxy keeps the Host header, so Django's CSRF origin check sees the page's own origin.
export default defineConfig({
  base: "/",
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: {
      "/graphql": { target: backend, ws: true },
      "/api": { target: backend },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
