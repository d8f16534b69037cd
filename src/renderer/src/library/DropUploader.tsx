import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';
import { plural } from '../components/formatters';
import { addWhenIdle } from './addWhenIdle';
import { droppedFiles } from './droppedFiles';
import { getUploadDir, setUploadDir } from './uploadDirStore';
import { UploadFolderPicker } from './UploadFolderPicker';

interface UploadState {
  done: number;
  uploaded: number;
  total: number;
  current: string;
  failures: string[];
  /** Uploaded, waiting for a running job before the folder can be added. */
  waiting: boolean;
  finished: boolean;
  /** The ingest job that indexes the upload, and whether it has ended (the toast says so). */
  jobId?: string;
  indexed?: 'done' | 'cancelled' | 'failed';
}

/**
 * Browser mode: files dropped anywhere on the window are uploaded (`files.upload`, streamed) into a folder the
 * user picks once (remembered), and that folder is then added to the library. Shows an overlay while
 * dragging and a live status line while uploading.
 */
export function DropUploader() {
  const client = useClient();
  const [dragging, setDragging] = useState(false);
  const [pending, setPending] = useState<File[] | null>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const depth = useRef(0);
  // Jobs seen ending, for an upload whose job ends before its toast learned the job's id.
  const endedJobs = useRef(new Map<string, 'done' | 'cancelled' | 'failed'>());

  async function uploadAll(files: File[], targetDir: string) {
    const state: UploadState = {
      done: 0,
      uploaded: 0,
      total: files.length,
      current: '',
      failures: [],
      waiting: false,
      finished: false,
    };
    setUpload({ ...state });
    for (const file of files) {
      state.current = file.name;
      setUpload({ ...state });
      try {
        // The File itself is the body: the browser streams it, whatever its size.
        await client.call('files.upload', { targetDir, name: file.name, body: file });
        state.uploaded++;
      } catch (err) {
        state.failures.push(`${file.name}: ${(err as Error).message}`);
      }
      state.done++;
    }
    if (state.uploaded > 0) {
      try {
        const job = await addWhenIdle(client, [targetDir], () =>
          setUpload({ ...state, current: '', waiting: true }),
        );
        state.jobId = job.jobId;
        const ended = endedJobs.current.get(job.jobId);
        if (ended) state.indexed = ended;
      } catch (err) {
        state.failures.push(`Adding ${targetDir}: ${(err as Error).message}`);
      }
    }
    setUpload({ ...state, current: '', finished: true });
  }

  // The toast follows the indexing job to its end instead of saying "indexing…" forever.
  useCoreEvent('job.progress', (progress) => {
    const ended = progress.state;
    if (ended === 'running') return;
    endedJobs.current.set(progress.jobId, ended);
    setUpload((u) => (u && u.jobId === progress.jobId ? { ...u, indexed: ended } : u));
  });

  const onDropped = useEffectEvent((files: File[]) => {
    if (files.length === 0) return;
    const dir = getUploadDir();
    if (dir) void uploadAll(files, dir);
    else setPending(files);
  });

  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      void droppedFiles(e.dataTransfer).then((files) => onDropped(files));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop files to upload and index them</p>
        </div>
      )}
      {upload && (
        <div className="toast" role="status" aria-live="polite" data-testid="upload-status">
          {upload.finished ? (
            <>
              <span>
                Uploaded {plural(upload.uploaded, 'file')}
                {upload.failures.length > 0
                  ? `; ${plural(upload.failures.length, 'problem')}`
                  : upload.indexed === 'done'
                    ? '; indexed.'
                    : upload.indexed
                      ? `; indexing ${upload.indexed === 'cancelled' ? 'was cancelled' : 'failed'}.`
                      : '; indexing…'}
              </span>
              {upload.failures.length > 0 && (
                <ul className="small">
                  {upload.failures.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )}
              <button type="button" onClick={() => setUpload(null)}>
                Dismiss
              </button>
            </>
          ) : upload.waiting ? (
            <span>
              Uploaded {plural(upload.uploaded, 'file')}; adding them when the running job finishes…
            </span>
          ) : (
            <span>
              Uploading {upload.done + 1} of {upload.total}: {upload.current}
            </span>
          )}
        </div>
      )}
      {pending && (
        <UploadFolderPicker
          onClose={() => setPending(null)}
          onChoose={(dir) => {
            setUploadDir(dir);
            const files = pending;
            setPending(null);
            void uploadAll(files, dir);
          }}
        />
      )}
    </>
  );
}
