import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/api/events';
import type { InputOf } from '../../../shared/api/contract';
import type { MapGetResult, MapLayout } from '../../../shared/api/methods/map';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';

export type MapParams = Required<Pick<InputOf<'map.get'>, 'level' | 'method' | 'dims'>> & {
  filters: NonNullable<InputOf<'map.get'>['filters']>;
};

export interface MapState {
  /** What is on screen: the requested layout, or the PCA preview while UMAP computes. */
  layout: MapLayout | null;
  /** True while `layout` is the PCA stand-in for a UMAP layout being computed. */
  preview: boolean;
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
 * The map for the chosen parameters. PCA arrives at once; UMAP either from its cache or as a job: then
 * the PCA map is shown meanwhile with the job's progress, and the UMAP map replaces it when the job is
 * done. After an ingest the map is fetched again: new documents appear, old ones stay where they were.
 */
export function useMapLayout(params: MapParams): MapState {
  const client = useClient();
  const [layout, setLayout] = useState<MapLayout | null>(null);
  const [preview, setPreview] = useState(false);
  const [job, setJob] = useState<JobProgress | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const jobId = useRef<string | null>(null);
  const key = JSON.stringify(params);

  const reload = useRef<(recompute: boolean) => void>(() => undefined);
  const handle = useCallback(
    async (call: number, result: MapGetResult, input: MapParams) => {
      if (call !== latest.current) return;
      if (result.status === 'ready') {
        jobId.current = null;
        setJob(null);
        setLayout(result.layout);
        setPreview(false);
        setLoading(false);
        return;
      }
      jobId.current = result.jobId;
      setJob((current) => (current?.jobId === result.jobId ? current : null));
      // A short job may have finished before this answer arrived (its last event already went by).
      void client.call('jobs.list', {}).then((jobs) => {
        const state = jobs.find((j) => j.jobId === result.jobId);
        if (call === latest.current && state && state.state !== 'running') {
          setJob(state);
          if (state.state === 'done') reload.current(false);
        }
      });
      // Show the PCA map of the same points while UMAP is computed.
      const pca = await client.call('map.get', { ...input, method: 'pca' });
      if (call !== latest.current || pca.status !== 'ready') return;
      setLayout(pca.layout);
      setPreview(true);
      setLoading(false);
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
        (result) => handle(call, result, input),
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
  useEffect(() => load(false), [load]);

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

  return { layout, preview, job, loading, error, recompute, cancel };
}
