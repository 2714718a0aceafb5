import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations (scripts run before anything is installed)
import { judgeAuditOutput } from './audit-report.mjs';

const report = (vulnerabilities: Record<string, { severity: string; range: string; via: unknown[] }>) => ({
  auditReportVersion: 2,
  vulnerabilities,
  metadata: { vulnerabilities: { info: 0, low: 1, moderate: 1, high: 1, critical: 0, total: 3 } },
});

describe('judgeAuditOutput', () => {
  it('blocks on high and critical advisories only', () => {
    const verdict = judgeAuditOutput(
      report({
        a: { severity: 'low', range: '<1', via: ['b'] },
        b: { severity: 'moderate', range: '<2', via: [{ title: 'ReDoS' }] },
        c: { severity: 'high', range: '<3', via: [{ title: 'Prototype pollution' }] },
      }),
    );
    expect(verdict).toEqual({
      kind: 'report',
      summary: '0 critical, 1 high, 1 moderate, 1 low',
      blocking: ['high: c <3 (Prototype pollution)'],
    });
  });

  it('passes a clean report', () => {
    expect(judgeAuditOutput(report({}))).toMatchObject({ kind: 'report', blocking: [] });
  });

  it('tells an unreachable advisory database apart from a clean report', () => {
    expect(
      judgeAuditOutput({
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        statusCode: 405,
      }),
    ).toEqual({
      kind: 'unreachable',
      reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
  });
});
