import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconMicrophone, IconPlayerStopFilled, IconSend, IconTrash } from '@tabler/icons-react';
import type Recorder from 'opus-recorder';
import encoderPath from 'opus-recorder/dist/encoderWorker.min.js?url';
import { useTranslation } from 'react-i18next';

type State = { kind: 'idle' } | { kind: 'starting' } | { kind: 'recording'; startedAt: number };

interface Props {
  disabled: boolean;
  onRecorded: (blob: Blob) => void;
  onError: (message: string) => void;
  onActiveChange: (active: boolean) => void;
}

/** Records an Ogg/Opus voice note, the format WhatsApp plays as a voice message. */
export function VoiceRecorder({ disabled, onRecorded, onError, onActiveChange }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  // Only read while recording, and start() sets it before that.
  const [now, setNow] = useState(0);
  const recorder = useRef<Recorder | null>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    if (state.kind !== 'recording') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [state.kind]);

  // Leaving the conversation mid-recording must release the microphone.
  useEffect(() => () => recorder.current?.close(), []);

  const finish = (keep: boolean) => {
    cancelled.current = !keep;
    void recorder.current?.stop();
  };

  const start = async () => {
    setState({ kind: 'starting' });
    // The recorder is only downloaded by agents who actually record a voice note.
    const { default: OpusRecorder } = await import('opus-recorder');
    if (!OpusRecorder.isRecordingSupported()) {
      setState({ kind: 'idle' });
      onError(t('tickets.voice.unsupported'));
      return;
    }
    const rec = new OpusRecorder({ encoderPath, encoderSampleRate: 48000, numberOfChannels: 1 });
    cancelled.current = false;
    rec.ondataavailable = (data) => {
      if (!cancelled.current) onRecorded(new Blob([data as BlobPart], { type: 'audio/ogg; codecs=opus' }));
    };
    rec.onstop = () => {
      recorder.current = null;
      setState({ kind: 'idle' });
      onActiveChange(false);
    };
    recorder.current = rec;
    try {
      await rec.start();
      setState({ kind: 'recording', startedAt: Date.now() });
      setNow(Date.now());
      onActiveChange(true);
    } catch (err) {
      rec.close();
      recorder.current = null;
      setState({ kind: 'idle' });
      const denied = err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
      onError(denied ? t('tickets.voice.denied') : t('tickets.voice.failed'));
    }
  };

  if (state.kind === 'recording') {
    const seconds = Math.max(0, Math.floor((now - state.startedAt) / 1000));
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    return (
      <Group gap="xs" wrap="nowrap" data-testid="voice-recording">
        <Tooltip label={t('tickets.voice.cancel')}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            onClick={() => finish(false)}
            aria-label={t('tickets.voice.cancel')}
            data-testid="voice-cancel"
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
        <IconPlayerStopFilled size={12} color="var(--mantine-color-red-6)" />
        <Text size="sm" ff="monospace" aria-live="off" data-testid="voice-timer">
          {clock}
        </Text>
        <Tooltip label={t('tickets.voice.send')}>
          <ActionIcon size="lg" onClick={() => finish(true)} aria-label={t('tickets.voice.send')} data-testid="voice-send">
            <IconSend size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    );
  }

  return (
    <Tooltip label={t('tickets.voice.record')}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        disabled={disabled}
        loading={state.kind === 'starting'}
        onClick={() => void start()}
        aria-label={t('tickets.voice.record')}
        data-testid="composer-voice"
      >
        <IconMicrophone size={20} />
      </ActionIcon>
    </Tooltip>
  );
}
