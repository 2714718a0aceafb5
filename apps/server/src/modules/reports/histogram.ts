/**
 * Log-scale duration buckets: bucket 0 holds [0, 1 s); bucket b ≥ 1 holds [1 s·R^(b−1), 1 s·R^b),
 * and the last one everything from ~30 days up. A percentile is the geometric middle of the bucket
 * holding the nearest-rank sample, so it is within a factor √R (≈ ±6.4 %) of the exact value at
 * or above 1 s, and within 500 ms below it.
 */
const BUCKETS = 120;
const SPAN_SECONDS = 30 * 24 * 3600;
const LN_R = Math.log(SPAN_SECONDS) / (BUCKETS - 2);

export const METRICS = { firstResponse: 1, queueWait: 2, handling: 3, resolution: 4, callbackDelay: 5 } as const;
export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function bucketOf(ms: number): number {
  if (!(ms >= 1000)) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / 1000) / LN_R));
}

/** The value a bucket stands for: the geometric middle of its bounds. */
function bucketValueMs(bucket: number): number {
  if (bucket <= 0) return 500;
  return Math.round(1000 * Math.exp((bucket - 0.5) * LN_R));
}

export interface DurationStats {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

/** p50 / p90 by nearest rank over merged bucket counts. */
export function statsOf(counts: ReadonlyMap<number, number>): DurationStats {
  const buckets = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = buckets.reduce((sum, [, n]) => sum + n, 0);
  const at = (p: number): number | null => {
    if (count === 0) return null;
    const rank = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const [bucket, n] of buckets) {
      seen += n;
      if (seen >= rank) return bucketValueMs(bucket);
    }
    return null;
  };
  return { count, p50Ms: at(0.5), p90Ms: at(0.9) };
}
