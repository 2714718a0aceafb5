import { useCallback, useState } from 'react';
import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconClockX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Connection } from '@jimmy/contracts';
import { TestTimeoutError, useTestConnection } from './connectionsApi.js';
import { connectionErrorMessage } from './parts.js';

export type TestOutcome = { kind: 'ok'; number: string } | { kind: 'failed'; error: string } | { kind: 'timeout' };

export interface CredentialTests {
  run: (connection: Connection) => Promise<void>;
  isRunning: (id: number) => boolean;
  outcome: (id: number) => TestOutcome | undefined;
}

/**
 * Tracks runs per connection: a card and the details drawer can both start a test, and two cards
 * may be testing at once, which a single mutation's isPending cannot tell apart.
 */
export function useCredentialTests(): CredentialTests {
  const { t } = useTranslation();
  const { mutateAsync: test } = useTestConnection();
  const [running, setRunning] = useState<ReadonlySet<number>>(new Set());
  const [outcomes, setOutcomes] = useState<Record<number, TestOutcome>>({});

  const run = useCallback(
    async (connection: Connection) => {
      setRunning((s) => new Set(s).add(connection.id));
      let outcome: TestOutcome;
      try {
        const result = await test(connection.id);
        outcome = result.lastError
          ? { kind: 'failed', error: result.lastError }
          : { kind: 'ok', number: result.displayPhoneNumber ?? result.phoneNumberId ?? '—' };
      } catch (err) {
        outcome = err instanceof TestTimeoutError ? { kind: 'timeout' } : { kind: 'failed', error: connectionErrorMessage(err, t) };
      }
      setOutcomes((o) => ({ ...o, [connection.id]: outcome }));
      setRunning((s) => {
        const next = new Set(s);
        next.delete(connection.id);
        return next;
      });
      notifications.show({
        color: outcome.kind === 'ok' ? 'green' : 'red',
        title: connection.name,
        message: outcomeText(outcome, t),
      });
    },
    [test, t],
  );

  return {
    run,
    isRunning: (id) => running.has(id),
    outcome: (id) => outcomes[id],
  };
}

function outcomeText(outcome: TestOutcome, t: TFunction): string {
  if (outcome.kind === 'ok') return t('connections.testOk', { number: outcome.number });
  if (outcome.kind === 'timeout') return t('connections.testTimeout');
  return t('connections.testFailed', { error: outcome.error });
}

export function TestOutcomeAlert({ outcome, testId }: { outcome: TestOutcome | undefined; testId: string }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  const icon =
    outcome.kind === 'ok' ? (
      <IconCircleCheck size={18} />
    ) : outcome.kind === 'timeout' ? (
      <IconClockX size={18} />
    ) : (
      <IconAlertTriangle size={18} />
    );
  return (
    <Alert
      color={outcome.kind === 'ok' ? 'green' : 'red'}
      variant="light"
      icon={icon}
      p="xs"
      data-testid={testId}
      data-outcome={outcome.kind}
      style={{ wordBreak: 'break-word' }}
    >
      {outcomeText(outcome, t)}
    </Alert>
  );
}
