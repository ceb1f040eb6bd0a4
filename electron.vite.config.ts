import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build serves both doors: out/main holds the Electron entry and the headless
// CLI (which share the core), out/renderer is loaded by Electron and served by `serve`.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
        },
        // Shared chunks sit beside the entries, so every module of the main build
        // finds out/renderer and out/preload at the same relative place.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require node_modules: bundle everything into one file.
    build: { externalizeDeps: false },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 6000,
      rolldownOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
});
