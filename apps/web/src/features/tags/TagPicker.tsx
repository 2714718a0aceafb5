import { useEffect, useEffectEvent, useState } from 'react';
import { Combobox, ScrollArea, Text, TextInput, useCombobox } from '@mantine/core';
import type { Tag } from '@jimmy/contracts';
import { useTranslation } from 'react-i18next';
import { TagChip } from './TagChip.js';

const PALETTE = ['#e03131', '#e8590c', '#f08c00', '#2f9e44', '#0c8599', '#1971c2', '#6741d9', '#c2255c', '#495057'];
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Props {
  tags: readonly Tag[];
  /** Tags already chosen: left out of the options. */
  exclude: readonly number[];
  onPick: (tag: Tag) => void;
  /** Admins may create a tag from what they typed; others are told whom to ask. */
  onCreate?: ((name: string, color: string) => Promise<Tag>) | undefined;
}

/**
 * Type to filter (accent-insensitive), ↑ ↓ to move, Enter to pick; Esc closes. The list stays open
 * inline, so it works inside a popover and on a phone without a second floating layer.
 */
export function TagPicker({ tags, exclude, onPick, onCreate }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const needle = fold(search.trim());
  const options = tags.filter((tag) => !exclude.includes(tag.id) && fold(tag.name).includes(needle));
  const exact = tags.some((tag) => fold(tag.name) === needle);
  const canCreate = Boolean(onCreate && search.trim() && !exact);

  // The first option is the default, so typing and Enter picks (or creates) at once.
  const selectFirst = useEffectEvent(() => combobox.selectFirstOption());
  useEffect(() => {
    selectFirst();
  }, [search]);

  const submit = (value: string) => {
    if (value === '$create' && onCreate) {
      const color = PALETTE[tags.length % PALETTE.length]!;
      void onCreate(search.trim(), color).then((tag) => {
        onPick(tag);
        setSearch('');
      });
      return;
    }
    const tag = tags.find((candidate) => String(candidate.id) === value);
    if (tag) {
      onPick(tag);
      setSearch('');
    }
  };

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal={false}>
      <Combobox.EventsTarget>
        <TextInput
          size="xs"
          autoFocus
          value={search}
          placeholder={t('tags.tickets.search')}
          aria-label={t('tags.tickets.add')}
          data-testid="tag-picker-input"
          onFocus={() => combobox.openDropdown()}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
          }}
        />
      </Combobox.EventsTarget>
      <Combobox.Options mt={6} data-testid="tag-picker-options">
        <ScrollArea.Autosize mah={220} type="scroll">
          {options.map((tag) => (
            <Combobox.Option value={String(tag.id)} key={tag.id} data-testid={`tag-option-${tag.id}`}>
              <TagChip tag={tag} />
            </Combobox.Option>
          ))}
          {canCreate && (
            <Combobox.Option value="$create" data-testid="tag-option-create">
              <Text size="sm">{t('tags.tickets.createNamed', { name: search.trim() })}</Text>
            </Combobox.Option>
          )}
          {options.length === 0 && !canCreate && (
            <Combobox.Empty>
              <Text size="xs" c="dimmed">
                {onCreate || tags.length > 0 ? t('tags.tickets.noMatch') : t('tags.tickets.onlyAdmins')}
              </Text>
            </Combobox.Empty>
          )}
        </ScrollArea.Autosize>
      </Combobox.Options>
    </Combobox>
  );
}

export { PALETTE as TAG_PALETTE };
