import { ActionIcon, Menu, ScrollArea, Tooltip } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A menu of the names a template may use; picking one inserts `{{name}}` at the caret. */
export function VariablePicker({
  variables,
  onPick,
  testId,
}: {
  variables: readonly string[];
  onPick: (name: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Tooltip label={t('flows.form.variables')}>
          <ActionIcon variant="subtle" size="sm" aria-label={t('flows.form.variables')} data-testid={`${testId}-vars`}>
            <IconBraces size={16} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={260}>
          {variables.length === 0 && <Menu.Label>{t('flows.form.noVariables')}</Menu.Label>}
          {variables.map((name) => (
            // Keeps the caret in the field: the item must not take focus away before the insert.
            <Menu.Item
              key={name}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(name)}
              data-testid={`${testId}-var-${name}`}
            >
              {`{{${name}}}`}
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
