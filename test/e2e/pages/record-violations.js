// Loaded first on a test page: records every CSP / Trusted Types violation and error.
window.__problems = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__problems.push(
    `CSP violation: ${event.violatedDirective} (${event.blockedURI || 'inline'}) ${event.sample || ''}`,
  );
});
window.addEventListener('error', (event) => window.__problems.push(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) =>
  window.__problems.push(`unhandled rejection: ${event.reason}`),
);
