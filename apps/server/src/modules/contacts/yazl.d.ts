// yazl 3.3.1 ships no type declarations; only what lgpd.ts uses is declared.
declare module 'yazl' {
  import type { Readable } from 'node:stream';
  interface ZipFile {
    outputStream: Readable;
    addBuffer(buffer: Buffer, metadataPath: string, options?: { mtime?: Date; compress?: boolean }): void;
    addReadStream(stream: Readable, metadataPath: string, options?: { mtime?: Date; compress?: boolean; size?: number }): void;
    addReadStreamLazy(metadataPath: string, getReadStream: (callback: (error: Error | null, stream: Readable) => void) => void): void;
    end(): void;
  }
  const yazl: { ZipFile: new () => ZipFile };
  export default yazl;
}
