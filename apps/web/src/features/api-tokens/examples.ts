/** The getting-started panel's examples: what an integrator pastes into a terminal or a Node script. */
export interface ExampleInput {
  baseUrl: string;
  token: string;
  connectionId: number;
  to: string;
  text: string;
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export function curlExample({ baseUrl, token, connectionId, to, text }: ExampleInput): string {
  const body = JSON.stringify({ connectionId, to, text });
  return [
    `curl -X POST ${shellQuote(`${baseUrl}/api/v1/messages`)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${token}`)} \\`,
    `  -H "Idempotency-Key: $(date +%s%N)" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

export function javascriptExample({ baseUrl, token, connectionId, to, text }: ExampleInput): string {
  return [
    `// Node 18+ (or the browser): save as send.mjs and run \`node send.mjs\``,
    `const response = await fetch(${JSON.stringify(`${baseUrl}/api/v1/messages`)}, {`,
    `  method: 'POST',`,
    `  headers: {`,
    `    Authorization: ${JSON.stringify(`Bearer ${token}`)},`,
    `    'Content-Type': 'application/json',`,
    `    'Idempotency-Key': crypto.randomUUID(),`,
    `  },`,
    `  body: JSON.stringify(${JSON.stringify({ connectionId, to, text })}),`,
    `});`,
    `console.log(response.status, await response.json());`,
  ].join('\n');
}
