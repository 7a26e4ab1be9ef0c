import { useEffect, useState } from 'react';
import { RequestError } from '../api/http';
import { fetchSeries } from './api';
import type { Series } from './wire';
import type { TimeRange } from './zoom';

/** A series as drawn, with what it was asked for: the charts are labelled by what they show. */
export interface ShownSeries {
  series: Series;
  range: TimeRange;
  maxPoints: number;
}

export interface SeriesState {
  shown: ShownSeries | null;
  /** A newer range is being fetched; `shown` is still the previous one. */
  loading: boolean;
  error: string | null;
  retry: () => void;
}

/**
 * Loads the charts' data for `view`, about one point per pixel. Keeps drawing the previous
 * range (labelled as such) until the new one arrives, so zooming never blanks the charts.
 * `frozen` holds what is shown (while printing).
 */
export function useSeries(sessionId: string, view: TimeRange, maxPoints: number, frozen = false): SeriesState {
  const [shown, setShown] = useState<(ShownSeries & { key: string }) | null>(null);
  const [failed, setFailed] = useState<{ key: string; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { from, to } = view;
  const key = `${sessionId}/${from}-${to}/${maxPoints}/${attempt}`;

  useEffect(() => {
    // While printing, the layout's width changes: the paper shows what the screen loaded.
    if (maxPoints <= 0 || frozen) return;
    const controller = new AbortController();
    fetchSeries(sessionId, { from, to }, maxPoints, controller.signal).then(
      (series) => setShown({ series, range: { from: series.from, to: series.to }, maxPoints, key }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setFailed({ key, message: err instanceof RequestError ? err.message : 'Could not load the readings' });
      },
    );
    return () => controller.abort();
  }, [sessionId, from, to, maxPoints, key, frozen]);

  const error = failed?.key === key ? failed.message : null;
  return {
    shown,
    loading: !frozen && maxPoints > 0 && shown?.key !== key && error === null,
    error,
    retry: () => setAttempt((n) => n + 1),
  };
}
