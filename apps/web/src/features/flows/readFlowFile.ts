/** A user-chosen file's JSON: an exported flow is either `{ name, graph }` or the bare graph. */
export async function readFlowFile(file: File): Promise<{ name: string | null; graph: unknown }> {
  const parsed: unknown = JSON.parse(await file.text());
  if (parsed !== null && typeof parsed === 'object' && 'graph' in parsed) {
    const name = 'name' in parsed && typeof parsed.name === 'string' ? parsed.name : null;
    return { name, graph: parsed.graph };
  }
  return { name: null, graph: parsed };
}

/** The export's shape: the name travels with the graph, so importing it on another account keeps it. */
export function downloadFlow(name: string, graph: unknown): void {
  const blob = new Blob([JSON.stringify({ name, graph }, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-|-$/g, '') || 'fluxo'}.json`;
  link.click();
  // Revoked on the next tick: the click has handed the URL to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
