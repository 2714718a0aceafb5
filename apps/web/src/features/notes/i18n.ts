import type { Dictionary } from '../../lib/i18n/types.js';

/** Strings of private notes, mentions and notifications; pt-BR is the source shape, en must match it. */
export const notesPtBR = {
  mode: {
    label: 'Tipo de mensagem',
    reply: 'Responder',
    note: 'Nota',
  },
  composer: {
    teamOnly: 'Só a equipe vê',
    placeholder: 'Escreva uma nota interna… Use @ para mencionar alguém da equipe',
    add: 'Adicionar nota',
    failed: 'Não foi possível salvar a nota',
  },
  mention: {
    listLabel: 'Mencionar alguém da equipe',
    none: 'Ninguém com esse nome. Continue digitando ou apague o @.',
    role: {
      admin: 'Administrador',
      super_admin: 'Administrador',
      supervisor: 'Supervisor',
      agent: 'Atendente',
    },
  },
  note: {
    label: 'Nota interna',
    edited: 'editado',
    edit: 'Editar nota',
    delete: 'Excluir nota',
    save: 'Salvar',
    cancel: 'Cancelar',
    confirmTitle: 'Excluir esta nota?',
    confirmText: 'A nota some para toda a equipe. Isso não pode ser desfeito.',
    confirmAdmin: 'A nota é de {{name}}. A exclusão fica registrada no log de auditoria.',
    deleted: 'Nota excluída',
    failed: 'Não foi possível alterar a nota',
  },
  bell: {
    label: 'Notificações',
    title: 'Notificações',
    markAll: 'Marcar todas como lidas',
    emptyTitle: 'Nenhuma notificação',
    emptyText: 'Quando alguém mencionar você com @ numa nota, ela aparece aqui.',
    loadFailed: 'Não foi possível carregar as notificações.',
    mentioned: '{{name}} mencionou você',
    mentionedIn: '{{name}} mencionou você na conversa com {{contact}}',
    someone: 'Alguém',
    webhookDisabled: 'Um webhook foi desativado após falhas contínuas',
    loadMore: 'Ver mais',
  },
  history: {
    notes: 'Notas internas',
  },
};

export const notesEn: Dictionary<typeof notesPtBR> = {
  mode: {
    label: 'Message kind',
    reply: 'Reply',
    note: 'Note',
  },
  composer: {
    teamOnly: 'Only the team sees this',
    placeholder: 'Write an internal note… Use @ to mention a teammate',
    add: 'Add note',
    failed: 'Could not save the note',
  },
  mention: {
    listLabel: 'Mention a teammate',
    none: 'Nobody by that name. Keep typing or delete the @.',
    role: {
      admin: 'Admin',
      super_admin: 'Admin',
      supervisor: 'Supervisor',
      agent: 'Agent',
    },
  },
  note: {
    label: 'Internal note',
    edited: 'edited',
    edit: 'Edit note',
    delete: 'Delete note',
    save: 'Save',
    cancel: 'Cancel',
    confirmTitle: 'Delete this note?',
    confirmText: 'The note disappears for the whole team. This cannot be undone.',
    confirmAdmin: 'This note is by {{name}}. The deletion is recorded in the audit log.',
    deleted: 'Note deleted',
    failed: 'Could not change the note',
  },
  bell: {
    label: 'Notifications',
    title: 'Notifications',
    markAll: 'Mark all as read',
    emptyTitle: 'No notifications',
    emptyText: 'When someone mentions you with @ in a note, it shows up here.',
    loadFailed: 'Could not load the notifications.',
    mentioned: '{{name}} mentioned you',
    mentionedIn: '{{name}} mentioned you in the conversation with {{contact}}',
    someone: 'Someone',
    webhookDisabled: 'A webhook was switched off after continuous failures',
    loadMore: 'Show more',
  },
  history: {
    notes: 'Internal notes',
  },
};
