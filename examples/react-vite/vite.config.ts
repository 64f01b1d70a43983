import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The companion runs in your server: in development, Vite passes /paylater on to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/paylater': process.env.COMPANION_URL ?? 'http://localhost:3000' } },
});
