import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: server },
      '/socket.io': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // One bundle for a ward's LAN, loaded once per shift; splitting it buys nothing here.
    chunkSizeWarningLimit: 1000,
  },
});
