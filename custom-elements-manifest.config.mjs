export default {
  globs: ['src/**/*.ts'],
  // src/react, src/vue and src/frameworks are framework bindings and typings, no elements.
  exclude: [
    'src/**/*.test.ts',
    'src/**/*.styles.ts',
    'src/**/define.ts',
    'src/react/**',
    'src/vue/**',
    'src/frameworks/**',
  ],
  outdir: '.',
  litelement: true,
  // Keep package.json's customElements field pointing at the committed manifest.
  packagejson: false,
};
