// Browser tests need a Chromium. Say how to get one instead of failing obscurely.
import { existsSync } from 'node:fs';

const path = process.env.BPS_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(`
No Chromium found at ${path} (set BPS_CHROMIUM to use another one).
The browser tests need it. Install one of:
  Debian/Ubuntu:            sudo apt-get install chromium
  with internet access:     npx playwright install chromium   (then BPS_CHROMIUM=<path printed by it>)
`);
  process.exit(1);
}
