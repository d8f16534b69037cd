/**
 * (c) The converter refuses what it cannot translate faithfully, with errors naming the node and op;
 * and its static inference gives the real model the shapes a user of the ONNX file relies on.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { useLiteSource } from '../../../../src/main/core/embed/use-lite/buildUseLiteModel';
import { convertTfjsGraph } from '../../../../src/main/core/embed/use-lite/convertTfjsGraph';
import { loadTfjsModel, type TfjsModel } from '../../../../src/main/core/embed/use-lite/tfjsModelFiles';
import type { TfNodeJson } from '../../../../src/main/core/embed/use-lite/tfGraph';
import { tfAttr } from '../../../support/tfjsGraphModel';

const OUTPUT = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';
let original: TfjsModel;

/** A copy of the real model whose topology `edit` may change (weights are shared, read-only). */
function doctored(edit: (nodes: TfNodeJson[]) => void): TfjsModel {
  const json = structuredClone(original.json);
  edit(json.modelTopology.node);
  return { json, weights: original.weights };
}

function nodeWhere(nodes: TfNodeJson[], op: string, nameIncludes = ''): TfNodeJson {
  const n = nodes.find((x) => x.op === op && x.name.includes(nameIncludes));
  if (!n) throw new Error(`no ${op} node matching ${nameIncludes}`);
  return n;
}

const convert = (m: TfjsModel) => convertTfjsGraph(m, { outputs: { embeddings: OUTPUT } });

beforeAll(async () => {
  original = await loadTfjsModel((await useLiteSource()).dir);
});

describe('convertTfjsGraph on the USE Lite graph', () => {
  it('converts every node and infers int32 sparse inputs and a [n, 512] float output', () => {
    const result = convert(original);
    expect(result.inputs).toEqual([
      { name: 'indices', dtype: 'int32', shape: [null, 2] },
      { name: 'values', dtype: 'int32', shape: [null] },
    ]);
    expect(result.outputs).toEqual([{ name: 'embeddings', dtype: 'float32', shape: [null, 512] }]);
    const converted = Object.values(result.opCounts).reduce((a, b) => a + b, 0);
    expect(converted).toBe(original.json.modelTopology.node.length);
  });

  it('is deterministic: the same source gives byte-identical ONNX', () => {
    expect(Buffer.from(convert(original).bytes).equals(Buffer.from(convert(original).bytes))).toBe(true);
  });
});

describe('convertTfjsGraph refuses what it cannot translate', () => {
  it('an unknown op, naming the node', () => {
    const model = doctored((nodes) => {
      nodeWhere(nodes, 'Relu', 'Layer_0').op = 'Gelu';
    });
    expect(() => convert(model)).toThrow(
      /node ".*Layer_0\/TransformerLayer\/FFN\/conv1\/Relu" \(Gelu\): unsupported op "Gelu"/,
    );
  });

  it('an attribute it does not know', () => {
    const model = doctored((nodes) => {
      nodeWhere(nodes, 'MatMul', 'tanh_layer_0').attr!.fused_ops = { list: { s: [[82, 101, 108, 117]] } };
    });
    expect(() => convert(model)).toThrow(
      /node ".*tanh_layer_0\/MatMul" \(MatMul\): unsupported attribute "fused_ops"/,
    );
  });

  it('a known attribute with an unsupported value (NCHW BiasAdd, strided or non-1x1 Conv2D, two ellipses)', () => {
    const nchw = doctored((nodes) => {
      nodeWhere(nodes, 'BiasAdd', 'tanh_layer_0').attr!.data_format = tfAttr.str('NCHW');
    });
    expect(() => convert(nchw)).toThrow(/tanh_layer_0\/BiasAdd" \(BiasAdd\): only data_format NHWC/);

    const strided = doctored((nodes) => {
      nodeWhere(nodes, 'Conv2D', 'Layer_1').attr!.strides = tfAttr.ints([1, 2, 2, 1]);
    });
    expect(() => convert(strided)).toThrow(
      /Layer_1\/.*\/Conv2D" \(Conv2D\): only strides and dilations of 1/,
    );

    const ellipses = doctored((nodes) => {
      nodeWhere(nodes, 'StridedSlice', 'ClipToMaxLength').attr!.ellipsis_mask = tfAttr.int(3);
    });
    expect(() => convert(ellipses)).toThrow(
      /ClipToMaxLength\/strided_slice" \(StridedSlice\): more than one ellipsis/,
    );

    const truncating = doctored((nodes) => {
      nodeWhere(nodes, 'Cast', 'ToFloat_1').attr!.Truncate = tfAttr.bool(true);
    });
    expect(() => convert(truncating)).toThrow(/ToFloat_1" \(Cast\): Truncate=true is not supported/);
  });

  it('dtypes it does not handle and dangling inputs', () => {
    const strings = doctored((nodes) => {
      nodeWhere(nodes, 'Placeholder', 'values').attr!.dtype = { type: 7 };
    });
    expect(() => convert(strings)).toThrow(
      /node "values" \(Placeholder\) attribute dtype: unsupported TensorFlow dtype 7/,
    );

    const dangling = doctored((nodes) => {
      nodeWhere(nodes, 'Tanh').input = ['does/not/exist'];
    });
    expect(() => convert(dangling)).toThrow(
      /tanh_layer_0\/Tanh" \(Tanh\): input node "does\/not\/exist" does not exist/,
    );
  });
});
