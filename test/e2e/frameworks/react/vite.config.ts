import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative URLs: the test serves each app from its own folder.
export default defineConfig({ base: './', plugins: [react()], logLevel: 'warn' });
