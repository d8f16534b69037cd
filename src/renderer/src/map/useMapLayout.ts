import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/api/events';
import type { InputOf } from '../../../shared/api/contract';
import type { MapGetResult, MapLayout } from '../../../shared/api/methods/map';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';

export type MapParams = Required<Pick<InputOf<'map.get'>, 'level' | 'method'>> &
  Pick<InputOf<'map.get'>, 'dims'> & {
    filters: NonNullable<InputOf<'map.get'>['filters']>;
  };

export interface MapState {
  /**
   * The map of the chosen view (level, projection, dimensions), or null while it is being loaded or
   * built: the map of another view is never shown in its place.
   */
  layout: MapLayout | null;
  /** True while `layout` is this view as it was before a library change and its update is built. */
  updating: boolean;
  /** The job building (or updating) this view's layout. */
  job: JobProgress | null;
  loading: boolean;
  error: string | null;
  /** Drops the stored layout and computes it again ("Recompute layout"). */
  recompute: () => void;
  cancel: () => void;
}

/** Wait this long after the library changes before asking for the updated map. */
const REFRESH_DELAY_MS = 1500;

/**
 * The map for the chosen parameters. Layouts are built in background jobs and kept, so a view seen
 * once (or built in the background) comes back at once. Until a view's layout exists the job building
 * it is followed (progress on job.progress) and the layout arrives when it is done. After a library
 * change the view is fetched again: its old layout stays on screen, marked as being updated.
 */
export function useMapLayout(params: MapParams): MapState {
  const client = useClient();
  const key = JSON.stringify(params);
  const [shown, setShown] = useState<{ key: string; layout: MapLayout } | null>(null);
  const [job, setJob] = useState<JobProgress | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const jobId = useRef<string | null>(null);
  const reload = useRef<(recompute: boolean) => void>(() => undefined);

  const handle = useCallback(
    (call: number, result: MapGetResult, forKey: string) => {
      if (call !== latest.current) return;
      setLoading(false);
      if (result.status === 'ready') {
        jobId.current = null;
        setJob(null);
        setShown({ key: forKey, layout: result.layout });
        return;
      }
      jobId.current = result.jobId;
      const starting: JobProgress = {
        jobId: result.jobId,
        kind: 'map.layout',
        state: 'running',
        done: 0,
        total: 0,
        rate: 0,
        etaSeconds: null,
      };
      setJob((current) => (current?.jobId === result.jobId ? current : starting));
      // A short job may have finished before this answer arrived (its last event already went by).
      void client.call('jobs.list', {}).then((jobs) => {
        const state = jobs.find((j) => j.jobId === result.jobId);
        if (call !== latest.current || !state) return;
        setJob(state);
        if (state.state === 'done') reload.current(false);
      });
    },
    [client],
  );

  const load = useCallback(
    (recompute: boolean) => {
      const call = ++latest.current;
      const input = JSON.parse(key) as MapParams;
      setLoading(true);
      setError(null);
      client.call(recompute ? 'map.recompute' : 'map.get', input).then(
        (result) => handle(call, result, key),
        (err: Error) => {
          if (call !== latest.current) return;
          setError(err.message);
          setLoading(false);
        },
      );
    },
    [client, key, handle],
  );

  useEffect(() => {
    reload.current = load;
  });
  useEffect(() => {
    jobId.current = null;
    setJob(null);
    load(false);
  }, [load]);

  useCoreEvent('job.progress', (progress) => {
    if (progress.jobId !== jobId.current) return;
    setJob(progress);
    if (progress.state === 'done') load(false);
    else if (progress.state === 'failed')
      setError(`The layout could not be computed: ${progress.message ?? 'unknown error'}`);
    else if (progress.state === 'cancelled') jobId.current = null;
  });

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useCoreEvent('library.changed', () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      if (!jobId.current) load(false);
    }, REFRESH_DELAY_MS);
  });
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  const recompute = useCallback(() => load(true), [load]);
  const cancel = useCallback(() => {
    if (jobId.current) void client.call('jobs.cancel', { jobId: jobId.current });
  }, [client]);

  const layout = shown?.key === key ? shown.layout : null;
  const running = job?.state === 'running';
  return { layout, updating: layout !== null && running, job, loading, error, recompute, cancel };
}
