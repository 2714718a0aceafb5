import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlExample, javascriptExample } from './examples.js';

const input = {
  baseUrl: 'https://chat.example.com',
  token: 'jc_live_abc',
  connectionId: 3,
  to: '+5511912345678',
  text: "Olá, d'Ávila! $HOME `x`",
};

describe('getting-started examples', () => {
  it('quotes the curl body for the shell: quotes, dollars and backticks reach the server as typed', () => {
    const curl = curlExample(input);
    expect(curl).toContain("'https://chat.example.com/api/v1/messages'");
    expect(curl).toContain("'Authorization: Bearer jc_live_abc'");
    // The -d argument, as the shell would pass it to curl.
    const data = curl.slice(curl.indexOf('-d ') + 3);
    const seen = execFileSync('sh', ['-c', `printf '%s' ${data}`], { encoding: 'utf8' });
    expect(JSON.parse(seen)).toEqual({ connectionId: 3, to: '+5511912345678', text: "Olá, d'Ávila! $HOME `x`" });
  });

  it('writes JavaScript whose body is the same JSON', () => {
    const js = javascriptExample(input);
    expect(js).toContain('fetch("https://chat.example.com/api/v1/messages"');
    expect(js).toContain('Authorization: "Bearer jc_live_abc"');
    expect(js).toContain("'Idempotency-Key': crypto.randomUUID()");
    const body = /body: JSON\.stringify\((.*)\),\n/.exec(js)![1]!;
    expect(JSON.parse(body)).toEqual({ connectionId: 3, to: '+5511912345678', text: "Olá, d'Ávila! $HOME `x`" });
  });
});
