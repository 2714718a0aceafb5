// What `npm audit --json` printed, judged: a report with blocking advisories, a clean one, or none at all.

/** @returns {{ kind: 'unreachable', reason: string } | { kind: 'report', summary: string, blocking: string[] }} */
export function judgeAuditOutput(report) {
  if (!report?.metadata?.vulnerabilities) {
    return { kind: 'unreachable', reason: report?.message ?? report?.error?.summary ?? 'no report' };
  }
  const counts = report.metadata.vulnerabilities;
  const blocking = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(
      ([name, v]) =>
        `${v.severity}: ${name} ${v.range} (${[v.via]
          .flat()
          .map((x) => x.title ?? x)
          .join('; ')})`,
    );
  return {
    kind: 'report',
    summary: `${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`,
    blocking,
  };
}
