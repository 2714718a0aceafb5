import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
// Sentence punctuation right after a link belongs to the sentence, not the address.
const TRAILING = /[.,;:!?)\]]+$/;

/**
 * Customer text as React text nodes (never HTML), with http(s) addresses turned into links. Other
 * schemes (javascript:, data:) are never matched, so they stay plain text.
 */
export function LinkifiedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index;
    let url = match[0];
    const trail = TRAILING.exec(url)?.[0] ?? '';
    if (trail) url = url.slice(0, -trail.length);
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <Anchor key={start} href={url} target="_blank" rel="noopener noreferrer" inherit>
        {url}
      </Anchor>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
