import { useState } from 'react';
import { Alert, Button, Group, JsonInput, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconApi, IconSparkles } from '@tabler/icons-react';
import type { Effect } from '@jimmy/flow-engine';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.js';
import type { RequestResult } from './simulation.js';
import { SimulatorUnavailable, simulateAi, simulateHttp } from './simulatorApi.js';

type RequestEffect = Extract<Effect, { type: 'httpRequest' | 'aiRequest' }>;

interface Props {
  effect: RequestEffect;
  /** The mock's starting text: for HTTP a JSON skeleton from the node's mappings. */
  template: string;
  onResult: (result: RequestResult, via: 'real' | 'mock') => void;
}

/**
 * What the pending HTTP or AI node gets back: a real call through the server, or an answer the
 * user types (or an error), so every edge of the node can be tried without the real system.
 */
export function SimRequestPanel({ effect, template, onResult }: Props) {
  const { t } = useTranslation();
  const http = effect.type === 'httpRequest';
  const prefix = http ? 'sim-http' : 'sim-ai';
  const [mode, setMode] = useState<'choose' | 'mock'>('choose');
  const [calling, setCalling] = useState(false);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [answer, setAnswer] = useState(http ? template : '');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [failure, setFailure] = useState('');

  const callReal = async () => {
    setCalling(true);
    setUnavailable(null);
    try {
      const result = http ? await simulateHttp(effect) : await simulateAi(effect);
      onResult(result, 'real');
    } catch (err) {
      setUnavailable(errorMessage(err instanceof SimulatorUnavailable ? err.cause : err, t));
    } finally {
      setCalling(false);
    }
  };

  const submitMock = () => {
    if (!http) {
      onResult({ ok: true, data: { text: answer } }, 'mock');
      return;
    }
    try {
      onResult({ ok: true, data: answer.trim() === '' ? null : (JSON.parse(answer) as unknown) }, 'mock');
    } catch {
      setJsonError(t('flowSimulator.request.invalidJson'));
    }
  };

  const fail = () => onResult({ ok: false, error: failure.trim() || t('flowSimulator.request.defaultError') }, 'mock');

  return (
    <Paper withBorder radius="md" p="xs" mx="xs" mb="xs" data-testid="sim-request">
      <Stack gap={6}>
        <Group gap={6} wrap="nowrap">
          {http ? <IconApi size={16} /> : <IconSparkles size={16} />}
          <Text size="sm" fw={500}>
            {http ? t('flowSimulator.request.httpTitle') : t('flowSimulator.request.aiTitle')}
          </Text>
        </Group>
        {mode === 'choose' ? (
          <>
            <Group gap={6}>
              <Button
                size="xs"
                style={{ flex: '1 0 auto' }}
                loading={calling}
                onClick={() => void callReal()}
                data-testid={`${prefix}-real`}
              >
                {t('flowSimulator.request.real')}
              </Button>
              <Button
                size="xs"
                style={{ flex: '1 0 auto' }}
                variant="light"
                disabled={calling}
                onClick={() => setMode('mock')}
                data-testid={`${prefix}-mock`}
              >
                {t('flowSimulator.request.mock')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {http ? t('flowSimulator.request.realHttpHint') : t('flowSimulator.request.realAiHint')}
            </Text>
            {unavailable !== null && (
              <Alert color="orange" p="xs" data-testid="sim-request-unavailable">
                <Text size="xs">{t('flowSimulator.request.unavailable', { message: unavailable })}</Text>
              </Alert>
            )}
          </>
        ) : (
          <>
            {http ? (
              <JsonInput
                size="xs"
                label={t('flowSimulator.request.mockJson')}
                value={answer}
                onChange={(value) => {
                  setAnswer(value);
                  setJsonError(null);
                }}
                error={jsonError}
                autosize
                minRows={3}
                maxRows={8}
                formatOnBlur
                data-testid="sim-mock-response"
              />
            ) : (
              <Textarea
                size="xs"
                label={t('flowSimulator.request.mockAnswer')}
                placeholder={t('flowSimulator.request.mockAnswerPlaceholder')}
                value={answer}
                onChange={(event) => setAnswer(event.currentTarget.value)}
                autosize
                minRows={2}
                maxRows={6}
                data-testid="sim-mock-response"
              />
            )}
            <Group gap={6} wrap="nowrap">
              <Button
                size="xs"
                style={{ flex: 1 }}
                onClick={submitMock}
                disabled={!http && answer.trim() === ''}
                data-testid="sim-mock-submit"
              >
                {t('flowSimulator.request.useMock')}
              </Button>
              <Button size="xs" variant="subtle" color="gray" onClick={() => setMode('choose')}>
                {t('flowSimulator.request.back')}
              </Button>
            </Group>
            <Group gap={6} wrap="nowrap" align="flex-end">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label={t('flowSimulator.request.errorMessage')}
                placeholder={t('flowSimulator.request.defaultError')}
                value={failure}
                onChange={(event) => setFailure(event.currentTarget.value)}
              />
              <Button size="xs" color="red" variant="light" onClick={fail} data-testid="sim-mock-error">
                {t('flowSimulator.request.fail')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
