import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthState, type StoredAuthState } from '@jimmy/channels';
import { SecretBox } from '../src/infra/crypto.js';
import { DbAuthStore } from '../src/modules/whatsapp-web/wa-auth.store.js';
import { startTestApp, type TestApp } from './harness.js';

// Baileys internals the socket normally drives: the Signal repository over our key store.
const require = createRequire(import.meta.url);
const { makeLibSignalRepository } = require('@whiskeysockets/baileys/lib/Signal/libsignal') as {
  makeLibSignalRepository(auth: StoredAuthState['state']): {
    injectE2ESession(o: { jid: string; session: unknown }): Promise<void>;
    encryptMessage(o: { jid: string; data: Uint8Array }): Promise<{ type: 'pkmsg' | 'msg'; ciphertext: Uint8Array }>;
    decryptMessage(o: { jid: string; type: 'pkmsg' | 'msg'; ciphertext: Uint8Array }): Promise<Uint8Array>;
  };
};
const { Curve, generateSignalPubKey } = require('@whiskeysockets/baileys') as {
  Curve: { generateKeyPair(): { public: Uint8Array; private: Uint8Array } };
  generateSignalPubKey(key: Uint8Array): Uint8Array;
};

let app: TestApp;
let box: SecretBox;
const ids: Record<'a' | 'b', number> = { a: 0, b: 0 };
const JID = { a: '5511911110000@s.whatsapp.net', b: '5511922220000@s.whatsapp.net' };

beforeAll(async () => {
  app = await startTestApp();
  box = new SecretBox(app.server.config.appSecret);
  for (const party of ['a', 'b'] as const) {
    // Inserted directly with session_wanted false: no session runs for these rows, only the store.
    const { rows } = await app.server.database.pool.query<{ id: number }>(
      `insert into connections (company_id, type, name, status) values ($1, 'whatsapp_web', $2, 'closed') returning id`,
      [app.companyA.id, `party ${party}`],
    );
    ids[party] = rows[0]!.id;
  }
});
afterAll(async () => {
  await app?.close();
});

/** A party's auth state as a freshly started process would load it from the database. */
async function load(party: 'a' | 'b') {
  return loadAuthState(new DbAuthStore(app.server.database.pool, box, app.companyA.id, ids[party]));
}

describe('database-backed Signal key store', () => {
  it('carries a pre-key message and its reply between two parties, across restarts', async () => {
    const a = await load('a');
    const b = await load('b');
    await Promise.all([a.saveCreds(), b.saveCreds()]);
    const oneTimePreKey = Curve.generateKeyPair();
    await b.state.keys.set({ 'pre-key': { '31': oneTimePreKey } });

    // A fetched B's bundle (as WhatsApp's server would hand it out) and opens a session.
    const repoA = makeLibSignalRepository(a.state);
    await repoA.injectE2ESession({
      jid: JID.b,
      session: {
        registrationId: b.state.creds.registrationId,
        identityKey: generateSignalPubKey(b.state.creds.signedIdentityKey.public),
        signedPreKey: {
          keyId: b.state.creds.signedPreKey.keyId,
          publicKey: generateSignalPubKey(b.state.creds.signedPreKey.keyPair.public),
          signature: b.state.creds.signedPreKey.signature,
        },
        preKey: { keyId: 31, publicKey: generateSignalPubKey(oneTimePreKey.public) },
      },
    });
    const first = await repoA.encryptMessage({ jid: JID.b, data: Buffer.from('hello from A') });
    expect(first.type).toBe('pkmsg');
    await a.flush();
    await b.flush();

    // B restarts: everything it knows comes back from the database.
    const bAgain = await load('b');
    const repoB = makeLibSignalRepository(bAgain.state);
    expect(Buffer.from(await repoB.decryptMessage({ jid: JID.a, type: 'pkmsg', ciphertext: first.ciphertext })).toString()).toBe(
      'hello from A',
    );
    await bAgain.flush();
    const preKeys = await app.server.database.pool.query(
      `select 1 from wa_auth_keys where connection_id = $1 and type = 'pre-key' and key_id = '31'`,
      [ids.b],
    );
    expect(preKeys.rows).toEqual([]); // a one-time pre-key is used once

    const reply = await repoB.encryptMessage({ jid: JID.a, data: Buffer.from('hi A, B here') });
    expect(reply.type).toBe('msg');
    await bAgain.flush();

    // A restarts too, then reads the reply on the session it stored.
    const aAgain = await load('a');
    const repoA2 = makeLibSignalRepository(aAgain.state);
    expect(Buffer.from(await repoA2.decryptMessage({ jid: JID.b, type: 'msg', ciphertext: reply.ciphertext })).toString()).toBe(
      'hi A, B here',
    );

    // and the conversation keeps going in both directions
    const next = await repoA2.encryptMessage({ jid: JID.b, data: Buffer.from('second from A') });
    expect(Buffer.from(await repoB.decryptMessage({ jid: JID.a, type: next.type, ciphertext: next.ciphertext })).toString()).toBe(
      'second from A',
    );
  });

  it('stores every value sealed and serialises concurrent writes in order', async () => {
    const a = await load('a');
    // Each call starts synchronously, in order; the async wrapper only gives Promise.all a promise to wait for.
    const writes = Array.from({ length: 40 }, async (_, i) => {
      await a.state.keys.set({ session: { race: Buffer.from(`version ${i}`) } });
    });
    await Promise.all(writes);
    await a.flush();
    const read = await (await load('a')).state.keys.get('session', ['race']);
    expect(Buffer.from(read.race as Uint8Array).toString()).toBe('version 39');
    const { rows } = await app.server.database.pool.query<{ sealed: string }>('select sealed from wa_auth_keys where connection_id = $1', [
      ids.a,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.sealed).toMatch(/^v1\./);
      expect(row.sealed).not.toContain('version');
    }
  });

  it('rebuilds app-state sync keys as protobuf objects and deletes keys set to null', async () => {
    const a = await load('a');
    await a.state.keys.set({
      'app-state-sync-key': { AAAA: { keyData: Buffer.from('k'), fingerprint: { rawId: 1, currentIndex: 2 }, timestamp: 3 } },
    });
    await a.flush();
    const got = await (await load('a')).state.keys.get('app-state-sync-key', ['AAAA']);
    expect(got.AAAA?.constructor.name).toBe('AppStateSyncKeyData');
    await a.state.keys.set({ 'app-state-sync-key': { AAAA: null } });
    await a.flush();
    expect(await (await load('a')).state.keys.get('app-state-sync-key', ['AAAA'])).toEqual({});
  });
});
