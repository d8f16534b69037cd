import type { ColourView } from './HeatmapPlot';

export const colourScales = ['Viridis', 'Cividis', 'Blues', 'Greys', 'YlOrRd', 'RdBu', 'Hot'] as const;

/** Colour scale and value range of the heatmaps on screen; an empty bound means "the data's own". */
export function ColourControls({ view, onChange }: { view: ColourView; onChange: (v: ColourView) => void }) {
  const bound = (value: string): number | null =>
    value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value);
  return (
    <fieldset className="colour-controls" aria-label="Colours">
      <label>
        Colours{' '}
        <select value={view.colorscale} onChange={(e) => onChange({ ...view, colorscale: e.target.value })}>
          {colourScales.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        from{' '}
        <input
          type="number"
          step="0.05"
          min={-1}
          max={1}
          placeholder="auto"
          aria-label="Colour range minimum"
          value={view.zmin ?? ''}
          onChange={(e) => onChange({ ...view, zmin: bound(e.target.value) })}
        />
      </label>
      <label>
        to{' '}
        <input
          type="number"
          step="0.05"
          min={-1}
          max={1}
          placeholder="auto"
          aria-label="Colour range maximum"
          value={view.zmax ?? ''}
          onChange={(e) => onChange({ ...view, zmax: bound(e.target.value) })}
        />
      </label>
      <button type="button" onClick={() => onChange({ ...view, zmin: null, zmax: null })}>
        Auto range
      </button>
    </fieldset>
  );
}
