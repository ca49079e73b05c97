// Makes sure a Chromium exists before the browser tests run. On a Debian/Ubuntu machine
// where we are root, installs Debian's `chromium` package (Playwright's own browser
// download does not work on closed networks); elsewhere says exactly what to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const found = await findChromium();
if (found) {
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found: installing Debian\'s "chromium" package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (await findChromium()) process.exit(0);
}

console.error(`No Chromium was found for the browser tests. Install one, then run npm test again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  any system:     npx playwright install chromium   (needs internet access)
  or point to an installed Chrome/Chromium:  CHROME_PATH=/path/to/chrome npm test`);
process.exit(1);
