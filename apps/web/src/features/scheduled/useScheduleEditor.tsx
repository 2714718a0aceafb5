import { useState } from 'react';
import type { ScheduledMessage } from '@jimmy/contracts';
import { ScheduleMessageModal } from './ScheduleMessageModal.js';

/** Which scheduled message is being edited, and the editor for it (a fresh one per opening). */
export function useScheduleEditor() {
  const [editing, setEditing] = useState<{ item: ScheduledMessage; templateRequired: boolean; n: number } | null>(null);
  const edit = (item: ScheduledMessage, templateRequired = false) => setEditing((e) => ({ item, templateRequired, n: (e?.n ?? 0) + 1 }));
  const editor = editing ? (
    <ScheduleMessageModal
      key={`${editing.item.id}:${editing.n}`}
      opened
      item={editing.item}
      templateRequired={editing.templateRequired}
      onClose={() => setEditing(null)}
    />
  ) : null;
  return { edit, editor };
}
