// plotly.js-strict-dist-min ships no type declarations; it is the same API as plotly.js-dist-min
// (whose v4 types live in lib/index.d.ts), built with regl's shaders precompiled (no eval).
declare module 'plotly.js-strict-dist-min' {
  import type * as PlotlyModule from 'plotly.js-dist-min/lib/index';
  const Plotly: typeof PlotlyModule;
  export default Plotly;
}
