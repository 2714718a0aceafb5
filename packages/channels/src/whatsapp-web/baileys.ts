/**
 * The one place that imports Baileys. The package is CommonJS: its named functions are reachable
 * from ESM, but `proto` only through require, so everything is re-exported from here.
 */
import { createRequire } from 'node:module';
import type * as Baileys from '@whiskeysockets/baileys';

export {
  Browsers,
  BufferJSON,
  downloadMediaMessage,
  getContentType,
  initAuthCreds,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  jidDecode,
  jidNormalizedUser,
  makeEventBuffer,
  makeWASocket,
  normalizeMessageContent,
} from '@whiskeysockets/baileys';

/** The socket's `ev`: Baileys does not export the type by name, only through makeEventBuffer. */
export type BaileysBufferableEventEmitter = ReturnType<typeof Baileys.makeEventBuffer>;
/** The decoded content of a message (proto.IMessage). */
export type WAMessageContent = NonNullable<Baileys.WAMessage['message']>;

// Through require: the default-export interop differs between Node, vitest and bundlers.
export const proto = (createRequire(import.meta.url)('@whiskeysockets/baileys') as { proto: typeof Baileys.proto }).proto;

export type {
  AnyMessageContent,
  AuthenticationCreds,
  AuthenticationState,
  BaileysEventMap,
  MiscMessageGenerationOptions,
  SignalDataSet,
  SignalDataTypeMap,
  WAMessage,
  WAMessageKey,
  WAMessageUpdate,
} from '@whiskeysockets/baileys';
