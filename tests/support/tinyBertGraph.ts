import { OnnxGraphBuilder } from '../../src/main/core/embed/onnx/graphBuilder';

/**
 * A small BERT-shaped ONNX encoder with random (seeded) weights, built with the project's own ONNX writer.
 *
 * Same interface as an exported sentence-transformers model: int64 inputs input_ids / attention_mask /
 * token_type_ids of shape [batch, seq]; output last_hidden_state [batch, seq, hidden] (or a pooled
 * sentence_embedding [batch, hidden]). Word, position and token-type embeddings are summed and
 * layer-normalised; each layer mixes every token with the attention-masked mean of its text (a stand-in
 * for self-attention), so feeding a wrong attention mask visibly changes the vectors, as in a real BERT.
 * Optional feed-forward blocks give it MiniLM-like compute per token for benchmarks.
 */
export interface TinyBertShape {
  hidden: number;
  layers: number;
  seed: number;
  vocabSize: number;
  maxPositions: number;
  /** Feed-forward width per layer; 0 = none. */
  intermediate: number;
  /** Output name: `sentence_embedding` emits the masked mean [batch, hidden]; any other name emits token vectors. */
  output: string;
  /** Input names as the graph declares them (token_type_ids may be left out with null). */
  inputNames: { ids: string; mask: string; types: string | null };
}

/** mulberry32: a tiny seeded PRNG, so a given seed always writes the same weights. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMatrix(next: () => number, rows: number, cols: number, scale: number): Float32Array {
  const out = new Float32Array(rows * cols);
  // Sum of 3 uniforms: roughly normal, cheap enough for 30522 x 384 tables.
  for (let i = 0; i < out.length; i++) out[i] = (next() + next() + next() - 1.5) * scale;
  return out;
}

/** Serialised ONNX bytes of the model described by `shape`. */
export function buildTinyBert(shape: TinyBertShape): Uint8Array {
  const { hidden: H, vocabSize: V } = shape;
  const next = rng(shape.seed);
  const b = new OnnxGraphBuilder({ name: 'tiny_bert' });
  const ids = b.addInput(shape.inputNames.ids, 'int64', ['batch', 'seq']);
  const mask = b.addInput(shape.inputNames.mask, 'int64', ['batch', 'seq']);
  const types = shape.inputNames.types
    ? b.addInput(shape.inputNames.types, 'int64', ['batch', 'seq'])
    : undefined;

  const ones = b.addInitializer('ln_scale', 'float32', [H], new Float32Array(H).fill(1));
  const zeros = b.addInitializer('ln_bias', 'float32', [H], new Float32Array(H));
  const layerNorm = (x: string): string =>
    b.op('LayerNormalization', [x, ones, zeros], { axis: -1, epsilon: 1e-5 });

  // Embeddings: word + position + token type.
  const wordEmb = b.addInitializer('word_embeddings', 'float32', [V, H], randomMatrix(next, V, H, 1));
  const posEmb = b.addInitializer(
    'position_embeddings',
    'float32',
    [shape.maxPositions, H],
    randomMatrix(next, shape.maxPositions, H, 0.5),
  );
  let x = b.op('Gather', [wordEmb, ids], { axis: 0 });
  const seqLen = b.op('Gather', [b.op('Shape', [ids]), b.addConstant('one', 'int64', [], [1])], { axis: 0 });
  const positions = b.op('Range', [
    b.addConstant('zero', 'int64', [], [0]),
    seqLen,
    b.addConstant('step', 'int64', [], [1]),
  ]);
  x = b.op('Add', [x, b.op('Gather', [posEmb, positions], { axis: 0 })]);
  if (types) {
    const typeEmb = b.addInitializer(
      'token_type_embeddings',
      'float32',
      [2, H],
      randomMatrix(next, 2, H, 0.5),
    );
    x = b.op('Add', [x, b.op('Gather', [typeEmb, types], { axis: 0 })]);
  }
  x = layerNorm(x);

  // [batch, seq, 1] float mask and the per-text token count, for masked means.
  const m = b.op('Unsqueeze', [b.op('Cast', [mask], { to: 1 }), b.addConstant('axis2', 'int64', [1], [2])]);
  const seqAxis = b.addConstant('axis1', 'int64', [1], [1]);
  const count = b.op('ReduceSum', [m, seqAxis], { keepdims: 1 });
  const maskedMean = (v: string): string =>
    b.op('Div', [b.op('ReduceSum', [b.op('Mul', [v, m]), seqAxis], { keepdims: 1 }), count]);

  const scale = 1 / Math.sqrt(H);
  for (let l = 0; l < shape.layers; l++) {
    const wTok = b.addInitializer(`l${l}_w_tok`, 'float32', [H, H], randomMatrix(next, H, H, scale * 2));
    const wCtx = b.addInitializer(`l${l}_w_ctx`, 'float32', [H, H], randomMatrix(next, H, H, scale * 2));
    const bias = b.addInitializer(`l${l}_bias`, 'float32', [H], randomMatrix(next, 1, H, 0.1));
    const mixed = b.op('Add', [
      b.op('Add', [b.op('MatMul', [x, wTok]), b.op('MatMul', [maskedMean(x), wCtx])]),
      bias,
    ]);
    x = layerNorm(b.op('Add', [x, b.op('Tanh', [mixed])]));
    if (shape.intermediate > 0) {
      const I = shape.intermediate;
      const w1 = b.addInitializer(`l${l}_ff_in`, 'float32', [H, I], randomMatrix(next, H, I, scale * 2));
      const w2 = b.addInitializer(
        `l${l}_ff_out`,
        'float32',
        [I, H],
        randomMatrix(next, I, H, 2 / Math.sqrt(I)),
      );
      x = layerNorm(b.op('Add', [x, b.op('MatMul', [b.op('Tanh', [b.op('MatMul', [x, w1])]), w2])]));
    }
  }

  if (shape.output === 'sentence_embedding') {
    const pooled = b.op('Squeeze', [maskedMean(x), seqAxis]);
    b.addNode('Identity', [pooled], ['sentence_embedding']);
    b.addOutput('sentence_embedding', 'float32', ['batch', H]);
  } else {
    b.addNode('Identity', [x], [shape.output]);
    b.addOutput(shape.output, 'float32', ['batch', 'seq', H]);
  }
  return b.toBytes();
}
