import type { MapLevel, MapProjection } from '../../../shared/api/methods/map';
import type { ColorMode } from './mapColors';

export interface ToolbarState {
  level: MapLevel;
  method: MapProjection;
  dims: 2 | 3;
  colorBy: ColorMode;
  pointSize: number;
  opacity: number;
  showLabels: boolean;
}

interface ToolbarProps {
  state: ToolbarState;
  onChange: (patch: Partial<ToolbarState>) => void;
  onResetCamera: () => void;
  onExport: () => void;
  onRecompute: () => void;
  busy: boolean;
}

function Segmented<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: Array<[T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map(([v, text]) => (
        <button
          key={String(v)}
          type="button"
          role="radio"
          aria-checked={v === value}
          className={v === value ? 'active' : ''}
          onClick={() => onChange(v)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

/** Map settings: what is mapped and how, how it is drawn, and the view actions. */
export function MapToolbar({ state, onChange, onResetCamera, onExport, onRecompute, busy }: ToolbarProps) {
  return (
    <div className="map-toolbar" aria-label="Map settings">
      <Segmented
        label="Points"
        value={state.level}
        options={[
          ['documents', 'Documents'],
          ['chunks', 'Passages'],
        ]}
        onChange={(level) => onChange({ level })}
      />
      <Segmented
        label="Projection"
        value={state.method}
        options={[
          ['umap', 'UMAP'],
          ['pca', 'PCA'],
        ]}
        onChange={(method) => onChange({ method })}
      />
      <Segmented
        label="Dimensions"
        value={state.dims}
        options={[
          [3, '3D'],
          [2, '2D'],
        ]}
        onChange={(dims) => onChange({ dims })}
      />
      <label className="inline-field">
        <span>Colour by</span>
        <select value={state.colorBy} onChange={(e) => onChange({ colorBy: e.target.value as ColorMode })}>
          <option value="cluster">Topic cluster</option>
          <option value="folder">Source folder</option>
          <option value="kind">File kind</option>
          <option value="date">Date</option>
        </select>
      </label>
      <label className="inline-field">
        <span>Point size</span>
        <input
          type="range"
          min={1}
          max={12}
          value={state.pointSize}
          onChange={(e) => onChange({ pointSize: Number(e.target.value) })}
        />
      </label>
      <label className="inline-field">
        <span>Opacity</span>
        <input
          type="range"
          min={0.1}
          max={1}
          step={0.05}
          value={state.opacity}
          onChange={(e) => onChange({ opacity: Number(e.target.value) })}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={state.showLabels}
          onChange={(e) => onChange({ showLabels: e.target.checked })}
        />
        Labels
      </label>
      <div className="map-actions">
        <button type="button" onClick={onResetCamera}>
          Reset view
        </button>
        <button type="button" onClick={onExport}>
          Export PNG
        </button>
        <button
          type="button"
          onClick={onRecompute}
          disabled={busy}
          title="Fit the layout again to all current points"
        >
          Recompute layout
        </button>
      </div>
    </div>
  );
}
