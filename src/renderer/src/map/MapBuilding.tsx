import type { JobProgress } from '../../../shared/api/events';
import { formatDuration } from '../components/formatters';

interface MapBuildingProps {
  /** "the passages map (2D)" */
  what: string;
  job: JobProgress;
  /** True when the view's previous layout stays on screen while its update is built. */
  updating: boolean;
  onCancel: () => void;
}

/** What a layout job is doing, in words: waiting for another layout, or its phase and epoch. */
function stepOf(job: JobProgress): string {
  const current = job.current ?? job.message ?? '';
  // The job names its layout ("the passages map (2D): layout epoch 5 of 200"); the heading already does.
  const step = current.includes(': ') ? current.slice(current.indexOf(': ') + 2) : current;
  return step || 'starting';
}

/**
 * The state of a map that is being built: which map, a progress bar, what the job does now and how
 * long it has left. While a view is built for the first time nothing else stands in for it; while an
 * existing view is updated after a library change, the map below is marked as the previous one.
 */
export function MapBuilding({ what, job, updating, onCancel }: MapBuildingProps) {
  const heading = updating ? `Updating ${what}` : `Building ${what}`;
  return (
    <div
      className={`map-building ${updating ? 'updating' : 'first'}`}
      role="status"
      data-testid="map-building"
      data-state={updating ? 'updating' : 'building'}
    >
      <div className="map-building-head">
        <strong>{heading[0]?.toUpperCase() + heading.slice(1)}</strong>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <progress max={job.total || 1} value={job.total ? job.done : 0} aria-label={heading} />
      <span className="small">
        {stepOf(job)}
        {job.etaSeconds !== null && ` · about ${formatDuration(job.etaSeconds)} left`}
      </span>
      <p className="small muted">
        {updating
          ? 'Shown meanwhile: this map as it was before the library changed.'
          : 'Each map is computed once for the library as it is now and kept, so switching to it later is instant.'}
      </p>
    </div>
  );
}
