import type { ReactNode } from 'react';
import { ActionIcon, Badge, Button, FileButton, Group, Loader, Menu, Popover, SegmentedControl, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowLeft,
  IconChartBar,
  IconCheck,
  IconDots,
  IconDownload,
  IconHistory,
  IconLayoutDistributeHorizontal,
  IconMessageChatbot,
  IconPlugConnected,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SaveStatus } from './useAutosave.js';

export type Period = 7 | 30;

interface Props {
  name: string;
  status: SaveStatus;
  onRetrySave: () => void;
  publishedVersion: number | null;
  draftChanged: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onExport: () => void;
  onImport: (file: File | null) => void;
  onVersions: () => void;
  onAttach: () => void;
  period: Period | null;
  onPeriod: (period: Period | null) => void;
  testing: boolean;
  onTesting: () => void;
  problemCount: number;
  problemsOpen: boolean;
  onProblemsOpen: (open: boolean) => void;
  problems: ReactNode;
  publishing: boolean;
  onPublish: () => void;
  compact: boolean;
}

function SaveState({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const { t } = useTranslation();
  if (status === 'saving') {
    return (
      <Group gap={4} wrap="nowrap" data-testid="flow-save-status" data-status="saving">
        <Loader size={12} />
        <Text size="xs" c="dimmed">
          {t('flows.builder.saving')}
        </Text>
      </Group>
    );
  }
  if (status === 'error') {
    return (
      <Group gap={4} wrap="nowrap" data-testid="flow-save-status" data-status="error">
        <IconX size={14} color="var(--mantine-color-red-6)" />
        <Text size="xs" c="red">
          {t('flows.builder.saveError')}
        </Text>
        <Button size="compact-xs" variant="subtle" color="red" onClick={onRetry}>
          {t('flows.builder.retry')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" data-testid="flow-save-status" data-status="saved">
      <IconCheck size={14} color="var(--mantine-color-brand-6)" />
      <Text size="xs" c="dimmed">
        {t('flows.builder.saved')}
      </Text>
    </Group>
  );
}

export function BuilderToolbar(props: Props) {
  const { t } = useTranslation();
  const icon = (label: string, onClick: () => void, child: ReactNode, testId: string, disabled = false) => (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" onClick={onClick} disabled={disabled} aria-label={label} data-testid={testId}>
        {child}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Group justify="space-between" gap="xs" mb="xs" wrap="wrap" data-testid="flow-toolbar">
      <Group gap="xs" wrap="nowrap" miw={0} style={{ flex: '1 1 280px' }}>
        <Tooltip label={t('flows.builder.back')}>
          <ActionIcon component={Link} to="/flows" variant="subtle" size="lg" aria-label={t('flows.builder.back')} data-testid="flow-back">
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Text fw={700} truncate miw={80} data-testid="flow-name">
          {props.name}
        </Text>
        {props.publishedVersion !== null && (
          <Badge
            variant="light"
            color={props.draftChanged ? 'yellow' : 'brand'}
            data-testid="flow-published-version"
            style={{ flexShrink: 0 }}
          >
            {`v${props.publishedVersion}`}
            {!props.compact && ` · ${props.draftChanged ? t('flows.builder.draftChanged') : t('flows.builder.upToDate')}`}
          </Badge>
        )}
        <SaveState status={props.status} onRetry={props.onRetrySave} />
      </Group>
      <Group gap={6} wrap="wrap">
        {!props.compact && icon(t('flows.builder.undo'), props.onUndo, <IconArrowBackUp size={18} />, 'flow-undo', !props.canUndo)}
        {!props.compact && icon(t('flows.builder.redo'), props.onRedo, <IconArrowForwardUp size={18} />, 'flow-redo', !props.canRedo)}
        {!props.compact && icon(t('flows.builder.autoLayout'), props.onLayout, <IconLayoutDistributeHorizontal size={18} />, 'flow-layout')}
        <Button
          variant={props.period ? 'light' : 'default'}
          leftSection={<IconChartBar size={16} />}
          onClick={() => props.onPeriod(props.period ? null : 7)}
          data-testid="flow-analytics-toggle"
        >
          {t('flows.builder.analytics')}
        </Button>
        {props.period && (
          <SegmentedControl
            size="xs"
            value={String(props.period)}
            onChange={(value) => props.onPeriod(Number(value) as Period)}
            data={[
              { value: '7', label: t('flows.builder.days_7') },
              { value: '30', label: t('flows.builder.days_30') },
            ]}
            data-testid="flow-analytics-period"
          />
        )}
        <Button
          variant={props.testing ? 'light' : 'default'}
          leftSection={<IconMessageChatbot size={16} />}
          onClick={props.onTesting}
          data-testid="flow-test-toggle"
        >
          {t('flows.builder.test')}
        </Button>
        <Menu position="bottom-end" shadow="md">
          <Menu.Target>
            <ActionIcon variant="default" size="lg" aria-label={t('flows.builder.more')} data-testid="flow-more">
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconHistory size={16} />} onClick={props.onVersions} data-testid="flow-versions-open">
              {t('flows.builder.versions')}
            </Menu.Item>
            <Menu.Item leftSection={<IconPlugConnected size={16} />} onClick={props.onAttach} data-testid="flow-attach-open">
              {t('flows.builder.attach')}
            </Menu.Item>
            <Menu.Item leftSection={<IconDownload size={16} />} onClick={props.onExport} data-testid="flow-export">
              {t('flows.builder.export')}
            </Menu.Item>
            <FileButton onChange={props.onImport} accept="application/json,.json">
              {(fileProps) => (
                <Menu.Item {...fileProps} leftSection={<IconUpload size={16} />} closeMenuOnClick={false} data-testid="flow-import">
                  {t('flows.builder.import')}
                </Menu.Item>
              )}
            </FileButton>
          </Menu.Dropdown>
        </Menu>
        <Popover opened={props.problemsOpen} onChange={props.onProblemsOpen} position="bottom-end" width={360} shadow="md" withinPortal>
          <Popover.Target>
            <Button
              variant="subtle"
              color={props.problemCount > 0 ? 'orange' : 'brand'}
              leftSection={props.problemCount > 0 ? <IconAlertTriangle size={16} /> : <IconCheck size={16} />}
              onClick={() => props.onProblemsOpen(!props.problemsOpen)}
              data-testid="flow-problems-toggle"
              data-count={props.problemCount}
            >
              {props.problemCount > 0
                ? t('flows.builder.problems', { count: props.problemCount })
                : props.compact
                  ? ''
                  : t('flows.builder.ready')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>{props.problems}</Popover.Dropdown>
        </Popover>
        <Button onClick={props.onPublish} loading={props.publishing} data-testid="flow-publish">
          {t('flows.builder.publish')}
        </Button>
      </Group>
    </Group>
  );
}
