// `npm test`: install if needed, then the whole unit + integration suite on the embedded database
// (or on TEST_DATABASE_URL / TEST_REDIS_URL when set). Extra arguments go to vitest.
import path from 'node:path';
import { ensureInstalled, root, run } from './lib.mjs';

ensureInstalled();
run(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)]);
