import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Relative URLs: the test serves each app from its own folder.
export default defineConfig({
  base: './',
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('mhn-') } } }),
  ],
  logLevel: 'warn',
});
