// opus-recorder ships no type declarations; this covers the part of its API the voice recorder uses.
declare module 'opus-recorder' {
  interface RecorderOptions {
    encoderPath: string;
    encoderSampleRate?: number;
    numberOfChannels?: number;
    streamPages?: boolean;
    mediaTrackConstraints?: MediaTrackConstraints | boolean;
  }
  export default class Recorder {
    constructor(options: RecorderOptions);
    static isRecordingSupported(): boolean;
    ondataavailable: ((data: Uint8Array) => void) | null;
    onstop: (() => void) | null;
    start(): Promise<void>;
    stop(): Promise<void>;
    close(): void;
    encodedSamplePosition: number;
  }
}
