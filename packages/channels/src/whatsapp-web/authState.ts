import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
} from './baileys.js';

/**
 * Where a QR connection's credentials and Signal keys live. Values are opaque JSON strings (Buffers
 * encoded with BufferJSON); the implementation decides how to store and encrypt them.
 */
export interface AuthStore {
  readCreds(): Promise<string | null>;
  writeCreds(json: string): Promise<void>;
  readKeys(type: string, ids: string[]): Promise<Map<string, string>>;
  /** All changes of one `keys.set` call, applied atomically; `json: null` deletes the key. */
  writeKeys(changes: KeyChange[]): Promise<void>;
  /** Forget everything (after a logout): the next start shows a new QR. */
  wipe(): Promise<void>;
}

export interface KeyChange {
  type: string;
  id: string;
  json: string | null;
}

export interface StoredAuthState {
  state: AuthenticationState;
  saveCreds(): Promise<void>;
  /** Resolves when every write issued so far is stored (call before closing). */
  flush(): Promise<void>;
}

const encode = (value: unknown) => JSON.stringify(value, BufferJSON.replacer);
const decode = (json: string): unknown => JSON.parse(json, BufferJSON.reviver);

/**
 * Baileys auth state backed by an AuthStore. Every write goes through one promise chain per
 * connection: a lost or reordered key write (a pre-key deleted before the session that used it is
 * stored, two ratchet steps racing) is what produces "Bad MAC" / "No session" decryption errors
 * (Baileys #1769, #2079; compare PR #1578). Reads wait behind pending writes so they never see a
 * state older than what Baileys already wrote.
 */
export async function loadAuthState(store: AuthStore): Promise<StoredAuthState> {
  const saved = await store.readCreds();
  const creds = saved ? (decode(saved) as AuthenticationCreds) : initAuthCreds();
  let tail: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const serialised = (write: () => Promise<void>): Promise<void> => {
    const next = tail.then(write);
    // One failed write must not block the ones after it, but its caller still sees the error.
    tail = next.catch((error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
    });
    return next;
  };

  const state: AuthenticationState = {
    creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        await tail;
        const found = await store.readKeys(type, ids);
        const result: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const json = found.get(id);
          if (json === undefined) continue;
          let value = decode(json);
          // Baileys expects a protobuf object here, not the plain JSON it was saved from.
          if (type === 'app-state-sync-key' && value) value = proto.Message.AppStateSyncKeyData.fromObject(value);
          result[id] = value as SignalDataTypeMap[T];
        }
        return result;
      },
      async set(data: SignalDataSet) {
        const changes: KeyChange[] = [];
        for (const [type, entries] of Object.entries(data)) {
          for (const [id, value] of Object.entries(entries ?? {})) {
            changes.push({ type, id, json: value === null || value === undefined ? null : encode(value) });
          }
        }
        if (changes.length > 0) await serialised(() => store.writeKeys(changes));
      },
    },
  };

  return {
    state,
    saveCreds: () => serialised(() => store.writeCreds(encode(state.creds))),
    async flush() {
      await tail;
      if (failure) {
        const error = failure;
        failure = undefined;
        throw error;
      }
    },
  };
}

/** An AuthStore in memory: for tests and for the Signal round-trip check. */
export class MemoryAuthStore implements AuthStore {
  creds: string | null = null;
  readonly keys = new Map<string, string>();
  async readCreds() {
    return this.creds;
  }
  async writeCreds(json: string) {
    this.creds = json;
  }
  async readKeys(type: string, ids: string[]) {
    const found = new Map<string, string>();
    for (const id of ids) {
      const value = this.keys.get(`${type}/${id}`);
      if (value !== undefined) found.set(id, value);
    }
    return found;
  }
  async writeKeys(changes: KeyChange[]) {
    for (const change of changes) {
      if (change.json === null) this.keys.delete(`${change.type}/${change.id}`);
      else this.keys.set(`${change.type}/${change.id}`, change.json);
    }
  }
  async wipe() {
    this.creds = null;
    this.keys.clear();
  }
}
