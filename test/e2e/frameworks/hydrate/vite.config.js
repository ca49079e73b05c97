import { defineConfig } from 'vite';

// Relative URLs: the test serves the app from its own folder.
export default defineConfig({ base: './', logLevel: 'warn' });
