import { Mark } from '@mantine/core';
import type { SnippetSegment } from '@jimmy/contracts';

/** The server's snippet segments as React text and <mark> elements: customer text is never parsed as HTML. */
export function HighlightedText({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          <Mark key={i} color="yellow" px={1} style={{ borderRadius: 2 }}>
            {segment.text}
          </Mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
