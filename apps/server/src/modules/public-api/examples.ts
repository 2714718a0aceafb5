/**
 * Ready-to-run examples for the OpenAPI descriptions (the docs page at /api/docs). `$JIMMY_URL` is
 * the server's address and `$JIMMY_TOKEN` an API token; the console's "Primeiros passos" panel shows
 * the same with both filled in.
 */
export function curlAndJs(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): string {
  const json = body === undefined ? undefined : JSON.stringify(body);
  const curl = [
    `curl -X ${method} "$JIMMY_URL${path}" \\`,
    `  -H "Authorization: Bearer $JIMMY_TOKEN"${json ? ' \\' : ''}`,
    ...(json
      ? [
          ...(method === 'POST' ? [`  -H "Idempotency-Key: $(uuidgen)" \\`] : []),
          `  -H "Content-Type: application/json" \\`,
          `  -d '${json}'`,
        ]
      : []),
  ].join('\n');
  const js = [
    `const response = await fetch(\`\${process.env.JIMMY_URL}${path}\`, {`,
    `  method: '${method}',`,
    `  headers: {`,
    `    Authorization: \`Bearer \${process.env.JIMMY_TOKEN}\`,`,
    ...(json ? [`    'Content-Type': 'application/json',`] : []),
    ...(json && method === 'POST' ? [`    'Idempotency-Key': crypto.randomUUID(),`] : []),
    `  },`,
    ...(json ? [`  body: JSON.stringify(${json}),`] : []),
    `});`,
    `console.log(response.status, await response.json());`,
  ].join('\n');
  return `**curl**\n\n\`\`\`sh\n${curl}\n\`\`\`\n\n**JavaScript (Node 18+)**\n\n\`\`\`js\n${js}\n\`\`\``;
}
