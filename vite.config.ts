import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

// The web view's sources live in ui/; the Tauri CLI serves and bundles them from here.
export default defineConfig({
  root: "ui",
  plugins: [svelte()],
  clearScreen: false,
  // An address, not "localhost": that name may resolve to ::1 first, or not at all.
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "safari15" },
  // Component tests render Svelte's browser build, not its server build.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
  },
});
