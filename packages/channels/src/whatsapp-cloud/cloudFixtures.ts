import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the Cloud webhook fixtures live: $JIMMY_FIXTURES_DIR (the fixtures root or its
 * whatsapp-cloud folder), else the team's shared/fixtures next to the checkout when present (the
 * source of truth), else the copy in this package, so a lone clone still runs its tests.
 */
export function cloudFixturesDir(): string {
  const shared = resolve(import.meta.dirname, '../../../../../shared/fixtures');
  const bundled = resolve(import.meta.dirname, '../../fixtures');
  const root = process.env['JIMMY_FIXTURES_DIR'] ?? (existsSync(shared) ? shared : bundled);
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
