import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    // <paylater-*> are custom elements, not Vue components.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('paylater-') } } }),
  ],
  // The companion runs in your server: in development, Vite passes /paylater on to it.
  server: { proxy: { '/paylater': process.env.COMPANION_URL ?? 'http://localhost:3000' } },
});
