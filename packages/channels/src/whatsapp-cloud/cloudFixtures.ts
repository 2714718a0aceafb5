import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the shared Cloud webhook fixtures live: $JIMMY_FIXTURES_DIR (the fixtures root or its
 * whatsapp-cloud folder) or the repo's shared/fixtures next to the checkout.
 */
export function cloudFixturesDir(): string {
  const fromEnv = process.env['JIMMY_FIXTURES_DIR'];
  const root = fromEnv ?? resolve(import.meta.dirname, '../../../../../shared/fixtures');
  const nested = join(root, 'whatsapp-cloud');
  return existsSync(nested) ? nested : root;
}

export function listCloudFixtures(): string[] {
  return readdirSync(cloudFixturesDir())
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** The exact bytes, as Meta would post them; sign these, not a re-serialisation. */
export function readCloudFixture(name: string): Buffer {
  return readFileSync(join(cloudFixturesDir(), name));
}
