import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proto } from './baileys.js';
import type { WAMessage, WAMessageUpdate } from './baileys.js';

/**
 * Baileys fixtures: `WebMessageInfo` protobuf JSON (bytes as base64, enums by name, timestamps as
 * numbers), the shape `proto.WebMessageInfo.fromObject` accepts. They live next to this file, not in
 * the shared fixtures folder, because nobody outside this package produces them.
 */
export const webFixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Not a message: the `messages.update` sequence, read with readWebReceipts(). */
const RECEIPTS_FILE = 'receipts.json';

/** Message fixtures only; names starting with `ignored-` are the ones parseBaileysMessage drops. */
export function listWebFixtures(): string[] {
  return readdirSync(webFixturesDir)
    .filter((name) => name.endsWith('.json') && name !== RECEIPTS_FILE)
    .sort();
}

/**
 * A decoded message like the ones in `messages.upsert`. Note that fromObject builds protobuf class
 * instances whose unset fields read as prototype defaults (status 0, caption ''), which is exactly
 * what the parser has to cope with for `msg.message` in live traffic.
 */
export function readWebFixture(name: string): WAMessage {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  return proto.WebMessageInfo.fromObject(readJson(file) as Record<string, unknown>);
}

/** `messages.update` entries as Baileys emits them: plain objects with a numeric status. */
export function readWebReceipts(): WAMessageUpdate[] {
  return readJson(RECEIPTS_FILE) as WAMessageUpdate[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(webFixturesDir, file), 'utf8'));
}
