/**
 * Reading a Hugging Face model folder: config.json, model.safetensors (F32, F16, BF16) and
 * pytorch_model.bin (torch.save's zip of a pickle and raw storages), tensor names, and the check
 * of the weights against the config.
 *
 * There is no torch here (and no network), so the .bin fixtures are built by test/support/models:
 * a small STORED zip writer shaped like PyTorchStreamWriter's output, and pickle bytes written
 * opcode by opcode in the order CPython's pickler emits them for torch.save(state_dict) at
 * protocol 2 (the two-tensor pickle below is spelled out here, byte by byte).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeSafetensors } from '../../src/common/export/safetensors';
import {
  canonicalTensorName,
  halfToNumber,
  loadModelWeights,
  ModelFileError,
  normalizeTensorNames,
  parseModelConfig,
  readPytorchWeights,
  readSafetensorsWeights,
  readWeightsFile,
  requireWeights,
  type BertConfig,
  type Gpt2Config,
  type ModelConfig,
  type WeightTensor,
} from '../../src/common/models/files/index';
import { halfBitsToFloatBits, toFloat32 } from '../../src/common/models/files/dtypes';
import { bytesOf, enc, f32le, u16, u64 } from '../support/models/bytes';
import { op, statePickle } from '../support/models/pickleWriter';
import { safetensorsFile } from '../support/models/safetensorsFile';
import { torchArchive, torchFile, viewsTorchFile } from '../support/models/torchFile';
import { zip } from '../support/models/zipWriter';

/** Expect a ModelFileError whose message matches. */
function refuses(run: () => unknown, pattern: RegExp | string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ModelFileError, `a ModelFileError, not ${String(error)}`);
    if (typeof pattern === 'string') assert.ok(error.message.includes(pattern), `"${error.message}" should include "${pattern}"`);
    else assert.match(error.message, pattern);
    return true;
  });
}

/**
 * The pickle of torch.save(OrderedDict([('w', tensor of shape (2, 3)), ('b', tensor of shape (3,))]))
 * with the state dict's `_metadata` ({'': {'version': 1}}), byte for byte as CPython's C pickler
 * writes it at protocol 2 (what `python -m pickletools` lists for such a data.pkl). Checked once
 * by hand: CPython 3.11's pickle.Pickler(protocol=2), given stand-ins with torch's module names,
 * torch's Tensor.__reduce_ex__ result and torch.serialization's persistent_id, wrote exactly
 * these 282 bytes (python3 has no torch here, so that is as close as this machine gets). Each object
 * worth remembering gets a BINPUT with the next memo index; a repeated global or string is a
 * BINGET. Both storages are float32, keys "0" and "1" (torch numbers storages as it meets them).
 */
const TWO_TENSOR_PICKLE = bytesOf(
  op.PROTO(2), //                                        \x80\x02
  op.GLOBAL('collections', 'OrderedDict'), op.BINPUT(0), // c collections\nOrderedDict\n  q\x00 — OrderedDict.__reduce__: (cls, (), state, None, items)
  op.EMPTY_TUPLE, op.REDUCE, op.BINPUT(1), //           )  R  q\x01 — the state dict, empty
  op.MARK, //                                           (  — its items, batched: MARK k v k v … SETITEMS
  op.BINUNICODE('w'), op.BINPUT(2), //                  X\x01\x00\x00\x00w  q\x02
  op.GLOBAL('torch._utils', '_rebuild_tensor_v2'), op.BINPUT(3), // Tensor.__reduce_ex__ → (_rebuild_tensor_v2, args)
  op.MARK, //                                           (  — args: storage, offset, size, stride, requires_grad, hooks
  op.MARK, //                                           (  — the persistent id of the storage (torch's persistent_id)
  op.BINUNICODE('storage'), op.BINPUT(4),
  op.GLOBAL('torch', 'FloatStorage'), op.BINPUT(5), //  the storage type: getattr(torch, 'FloatStorage')
  op.BINUNICODE('0'), op.BINPUT(6), //                  its key: the record archive/data/0
  op.BINUNICODE('cpu'), op.BINPUT(7), //                its location
  op.BININT1(6), //                                     numel: 6 float32
  op.TUPLE, op.BINPUT(8), //                            ('storage', FloatStorage, '0', 'cpu', 6)
  op.BINPERSID, //                                      Q — persistent_load(pid) → the storage
  op.BININT1(0), //                                     storage_offset 0
  op.BININT1(2), op.BININT1(3), op.TUPLE2, op.BINPUT(9), //   size (2, 3)
  op.BININT1(3), op.BININT1(1), op.TUPLE2, op.BINPUT(10), //  stride (3, 1)
  op.NEWFALSE, //                                       requires_grad False
  op.BINGET(0), op.EMPTY_TUPLE, op.REDUCE, op.BINPUT(11), // backward_hooks: OrderedDict()
  op.TUPLE, op.BINPUT(12), //                           the six arguments
  op.REDUCE, op.BINPUT(13), //                          the tensor
  op.BINUNICODE('b'), op.BINPUT(14),
  op.BINGET(3), //                                      _rebuild_tensor_v2 again, from the memo
  op.MARK,
  op.MARK, op.BINGET(4), op.BINGET(5), op.BINUNICODE('1'), op.BINPUT(15), op.BINGET(7), op.BININT1(3), op.TUPLE, op.BINPUT(16),
  op.BINPERSID,
  op.BININT1(0),
  op.BININT1(3), op.TUPLE1, op.BINPUT(17), //           size (3,)
  op.BININT1(1), op.TUPLE1, op.BINPUT(18), //           stride (1,)
  op.NEWFALSE,
  op.BINGET(0), op.EMPTY_TUPLE, op.REDUCE, op.BINPUT(19),
  op.TUPLE, op.BINPUT(20),
  op.REDUCE, op.BINPUT(21),
  op.SETITEMS, //                                       u — the two items into the state dict
  op.EMPTY_DICT, op.BINPUT(22), //                      } — the state dict's __dict__ …
  op.BINUNICODE('_metadata'), op.BINPUT(23),
  op.BINGET(0), op.EMPTY_TUPLE, op.REDUCE, op.BINPUT(24), // … {'_metadata': OrderedDict([('', {'version': 1})])}
  op.BINUNICODE(''), op.BINPUT(25),
  op.EMPTY_DICT, op.BINPUT(26), op.BINUNICODE('version'), op.BINPUT(27), op.BININT1(1), op.SETITEM,
  op.SETITEM, //                                        _metadata[''] = {'version': 1}
  op.SETITEM, //                                        __dict__['_metadata'] = _metadata
  op.BUILD, //                                          b — setstate: ignored by the reader
  op.STOP, //                                           .
);

const W = [1, 2, 3, 4, 5, 6];
const B = [0.5, -0.25, 1e-3];

const twoTensorFile = (options: Parameters<typeof torchArchive>[2] = {}) => torchArchive(TWO_TENSOR_PICKLE, { 0: f32le(W), 1: f32le(B) }, options);
// ---------------------------------------------------------------------------------------------
// config.json

describe('config.json', () => {
  it('reads a BERT config (bert-base-chinese), with the defaults of BertConfig for what it leaves out', () => {
    const config = parseModelConfig(JSON.stringify({
      architectures: ['BertForMaskedLM'], attention_probs_dropout_prob: 0.1, directionality: 'bidi', hidden_act: 'gelu', hidden_dropout_prob: 0.1,
      hidden_size: 768, initializer_range: 0.02, intermediate_size: 3072, layer_norm_eps: 1e-12, max_position_embeddings: 512, model_type: 'bert',
      num_attention_heads: 12, num_hidden_layers: 12, pad_token_id: 0, pooler_fc_size: 768, type_vocab_size: 2, vocab_size: 21128,
    }));
    assert.deepEqual(config, {
      modelType: 'bert', hiddenSize: 768, numLayers: 12, numHeads: 12, headSize: 64, intermediateSize: 3072, maxPositions: 512,
      vocabSize: 21128, layerNormEps: 1e-12, typeVocabSize: 2, activation: 'gelu',
    });
    const defaults = parseModelConfig(new TextEncoder().encode('{"model_type": "bert"}'));
    assert.deepEqual(defaults, { ...config, vocabSize: 30522 });
  });

  it('reads BERT-architecture checkpoints: Chinese RoBERTa-wwm and the UER series say "bert"', () => {
    const wwm = parseModelConfig(JSON.stringify({ architectures: ['BertForMaskedLM'], model_type: 'bert', hidden_size: 1024, num_attention_heads: 16, num_hidden_layers: 24, intermediate_size: 4096, vocab_size: 21128 }));
    assert.equal(wwm.modelType, 'bert');
    assert.equal(wwm.headSize, 64);
    const uer = parseModelConfig(JSON.stringify({ architectures: ['BertForMaskedLM'], hidden_size: 256, intermediate_size: 1024, num_attention_heads: 4, num_hidden_layers: 4, model_type: 'bert', vocab_size: 21128, type_vocab_size: 2 }));
    assert.deepEqual([uer.numLayers, uer.numHeads, uer.hiddenSize, uer.headSize, uer.intermediateSize], [4, 4, 256, 64, 1024]);
  });

  it('reads a GPT-2 config: n_inner null is 4·n_embd, the tanh GELU, GPT2Config defaults', () => {
    const config = parseModelConfig(JSON.stringify({
      activation_function: 'gelu_new', architectures: ['GPT2LMHeadModel'], layer_norm_epsilon: 1e-5, model_type: 'gpt2', n_ctx: 1024, n_embd: 768,
      n_head: 12, n_inner: null, n_layer: 12, n_positions: 1024, vocab_size: 50257,
    }));
    assert.deepEqual(config, {
      modelType: 'gpt2', hiddenSize: 768, numLayers: 12, numHeads: 12, headSize: 64, intermediateSize: 3072, maxPositions: 1024, vocabSize: 50257,
      layerNormEps: 1e-5, activation: 'gelu_new', scaleAttnWeights: true, scaleAttnByInverseLayerIdx: false,
    });
    assert.equal(parseModelConfig('{"model_type":"gpt2","n_embd":64,"n_head":4,"n_inner":100}').intermediateSize, 100);
    assert.equal(parseModelConfig('{"model_type":"gpt2","activation_function":"gelu_pytorch_tanh"}').activation, 'gelu_new');
  });

  it('takes the architecture when an old config has no model_type', () => {
    assert.equal(parseModelConfig('{"architectures":["GPT2LMHeadModel"],"n_embd":64,"n_head":4}').modelType, 'gpt2');
    assert.equal(parseModelConfig('{"architectures":["BertModel"]}').modelType, 'bert');
    refuses(() => parseModelConfig('{"architectures":["LlamaForCausalLM"]}'), 'architecture "LlamaForCausalLM" is not supported');
    refuses(() => parseModelConfig('{}'), 'has no "model_type"');
  });

  it('names an unsupported model_type', () => {
    refuses(() => parseModelConfig('{"model_type":"llama"}'), 'config.json: model_type "llama" is not supported: Attention Explorer reads BERT and GPT-2 models');
    refuses(() => parseModelConfig('{"model_type":"roberta"}'), 'model_type "roberta" is not supported');
  });

  it('checks the numbers', () => {
    refuses(() => parseModelConfig('{"model_type":"bert","hidden_size":100,"num_attention_heads":12}'), 'hidden_size 100 is not a multiple of num_attention_heads 12');
    refuses(() => parseModelConfig('{"model_type":"gpt2","n_embd":100,"n_head":8}'), 'n_embd 100 is not a multiple of n_head 8');
    refuses(() => parseModelConfig('{"model_type":"bert","num_hidden_layers":0}'), '"num_hidden_layers" must be a positive whole number, not 0');
    refuses(() => parseModelConfig('{"model_type":"bert","hidden_size":"768"}'), '"hidden_size" must be a positive whole number, not "768"');
    refuses(() => parseModelConfig('{"model_type":"bert","vocab_size":2.5}'), '"vocab_size" must be a positive whole number');
    refuses(() => parseModelConfig('{"model_type":"gpt2","n_inner":-1}'), '"n_inner" must be a positive whole number');
    refuses(() => parseModelConfig('{"model_type":"bert","layer_norm_eps":0}'), '"layer_norm_eps" must be a positive number');
    refuses(() => parseModelConfig('{"model_type":"bert","hidden_act":"relu"}'), 'hidden_act "relu" is not supported');
    refuses(() => parseModelConfig('{"model_type":"bert","position_embedding_type":"relative_key"}'), 'position_embedding_type "relative_key" is not supported');
    refuses(() => parseModelConfig('{"model_type":"gpt2","scale_attn_weights":"yes"}'), '"scale_attn_weights" must be true or false');
  });

  it('refuses what is not a JSON object', () => {
    refuses(() => parseModelConfig('{"model_type": "bert",'), /^config\.json: is not valid JSON/);
    refuses(() => parseModelConfig('[1]'), 'is not a JSON object');
    refuses(() => parseModelConfig(new Uint8Array([0x7b, 0xff, 0x7d])), 'is not valid UTF-8');
    // Inherited properties are no config values.
    assert.equal(parseModelConfig('{"model_type":"bert","__proto__":{"hidden_size":5}}').hiddenSize, 768);
  });
});

// ---------------------------------------------------------------------------------------------
// F16 and BF16

/** An independent reading of a half: the formula of IEEE 754, in float64. */
function halfByFormula(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

describe('F16 and BF16 to float32', () => {
  it('gets the edge values of a half exactly', () => {
    const cases: [number, number][] = [
      [0x0000, 0], [0x8000, -0], [0x0001, 2 ** -24], [0x8001, -(2 ** -24)], [0x03ff, 1023 * 2 ** -24], [0x0200, 2 ** -15],
      [0x0400, 2 ** -14], [0x3c00, 1], [0x3c01, 1 + 2 ** -10], [0xc000, -2], [0x3555, 0.333251953125], [0x7bff, 65504], [0xfbff, -65504],
      [0x7c00, Infinity], [0xfc00, -Infinity],
    ];
    for (const [bits, value] of cases) assert.ok(Object.is(halfToNumber(bits), value), `0x${bits.toString(16)} is ${value}, got ${halfToNumber(bits)}`);
    for (const nan of [0x7c01, 0x7e00, 0xfe00, 0x7fff]) assert.ok(Number.isNaN(halfToNumber(nan)));
    // The NaN's payload and sign survive, shifted into the float32's mantissa.
    assert.equal(halfBitsToFloatBits(0x7c01), 0x7f802000);
    assert.equal(halfBitsToFloatBits(0xfe00), 0xffc00000);
  });

  it('agrees with the formula on all 65,536 halves', () => {
    const raw = new Uint8Array(2 * 65536);
    for (let h = 0; h < 65536; h++) raw.set(u16(h), 2 * h);
    const floats = toFloat32(raw, 'F16');
    for (let h = 0; h < 65536; h++) {
      const expected = halfByFormula(h);
      if (!Object.is(floats[h], expected) && !(Number.isNaN(expected) && Number.isNaN(floats[h]))) assert.fail(`0x${h.toString(16)}: ${floats[h]} ≠ ${expected}`);
    }
  });

  it('reads bfloat16 as the upper half of a float32, and keeps NaN bits', () => {
    const raw = bytesOf(u16(0x3f80), u16(0xc049), u16(0x0001), u16(0x7f80), u16(0xff80), u16(0x7fc1), u16(0x8000));
    const floats = toFloat32(raw, 'BF16');
    assert.deepEqual([...floats.slice(0, 5)], [1, -3.140625, 2 ** -133, Infinity, -Infinity]);
    assert.equal(new Uint32Array(floats.buffer)[5], 0x7fc10000);
    assert.ok(Object.is(floats[6], -0));
  });

  it('reads unaligned and big-endian bytes the same', () => {
    const buffer = new Uint8Array(9);
    buffer.set([0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00], 1);
    assert.deepEqual([...toFloat32(buffer.subarray(1), 'F16')], [1, -2, 65504, 2 ** -24]);
    assert.deepEqual([...toFloat32(bytesOf(0x3c, 0x00, 0xc0, 0x00), 'F16', false)], [1, -2]);
    assert.deepEqual([...toFloat32(bytesOf(0x3f, 0x80, 0, 0), 'F32', false)], [1]);
    const f64 = new Uint8Array(new Float64Array([0.1, -2]).buffer);
    assert.deepEqual([...toFloat32(f64, 'F64')], [Math.fround(0.1), -2]);
  });
});

// ---------------------------------------------------------------------------------------------
// model.safetensors

describe('model.safetensors', () => {
  it('reads F32 tensors written by the export writer', () => {
    const file = encodeSafetensors([{ name: 'a', shape: [2, 2], data: [1, 2, 3, 4] }, { name: 'b', shape: [1], data: [-1] }]);
    const tensors = readSafetensorsWeights(file);
    assert.deepEqual([...tensors.keys()], ['a', 'b']);
    assert.deepEqual(tensors.get('a'), { shape: [2, 2], dtype: 'F32', data: new Float32Array([1, 2, 3, 4]) });
  });

  it('reads F16 and BF16 tensors, converted to float32', () => {
    const file = safetensorsFile([
      { name: 'half', dtype: 'F16', shape: [3], bytes: bytesOf(u16(0x3c00), u16(0x0001), u16(0xfc00)) },
      { name: 'brain', dtype: 'BF16', shape: [2], bytes: bytesOf(u16(0x4040), u16(0xbf80)) },
    ]);
    const tensors = readSafetensorsWeights(file);
    assert.deepEqual([...tensors.get('half')!.data], [1, 2 ** -24, -Infinity]);
    assert.equal(tensors.get('half')!.dtype, 'F16');
    assert.deepEqual([...tensors.get('brain')!.data], [3, -1]);
  });

  it('refuses other dtypes by name, unless the tensor is one to skip', () => {
    const file = safetensorsFile([
      { name: 'bert.embeddings.position_ids', dtype: 'I64', shape: [1, 2], bytes: bytesOf(u64(0), u64(1)) },
      { name: 'w', dtype: 'F32', shape: [1], bytes: f32le([7]) },
    ]);
    refuses(() => readSafetensorsWeights(file), 'model.safetensors: tensor "bert.embeddings.position_ids" is I64: Attention Explorer reads F32, F16 and BF16 weights');
    assert.deepEqual([...readSafetensorsWeights(file, (name) => !name.endsWith('position_ids')).keys()], ['w']);
    refuses(() => readSafetensorsWeights(safetensorsFile([{ name: 'q', dtype: 'F8_E4M3', shape: [1], bytes: bytesOf(0) }])), 'tensor "q" is F8_E4M3');
  });

  it('refuses a truncated or foreign file with the reader\'s message', () => {
    const file = encodeSafetensors([{ name: 'a', shape: [4], data: [1, 2, 3, 4] }]);
    refuses(() => readSafetensorsWeights(file.subarray(0, file.length - 1)), /^model\.safetensors: is truncated or damaged: the tensors cover 16 bytes of data, the file has 15$/);
    refuses(() => readSafetensorsWeights(file.subarray(0, 5)), 'shorter than the 8-byte header length');
    refuses(() => readSafetensorsWeights(twoTensorFile()), 'model.safetensors: is truncated or damaged: the header length');
  });
});

// ---------------------------------------------------------------------------------------------
// pytorch_model.bin

describe('pytorch_model.bin: the zip and the pickle torch.save writes', () => {
  it('reads the two-tensor state dict from the hand-written protocol-2 pickle', () => {
    const tensors = readPytorchWeights(twoTensorFile());
    assert.deepEqual([...tensors.keys()], ['w', 'b']);
    assert.deepEqual(tensors.get('w'), { shape: [2, 3], dtype: 'F32', data: new Float32Array(W) });
    assert.deepEqual(tensors.get('b'), { shape: [3], dtype: 'F32', data: new Float32Array(B) });
  });

  it('does not copy aligned float32 storages (the archive pads them to 64 bytes)', () => {
    const file = twoTensorFile();
    const w = readPytorchWeights(file).get('w')!;
    assert.equal(w.data.buffer, file.buffer);
    assert.equal(w.data.byteOffset % 64, 0);
  });

  it('finds the archive under any folder name, without a byteorder record, in ZIP64 form, after a comment', () => {
    for (const options of [{ prefix: 'pytorch_model' }, { byteorder: null }, { zip64: true }]) {
      assert.deepEqual([...readPytorchWeights(twoTensorFile(options)).get('b')!.data], [...new Float32Array(B)], JSON.stringify(options));
    }
    const withComment = zip([{ name: 'x/data.pkl', data: TWO_TENSOR_PICKLE }, { name: 'x/data/0', data: f32le(W) }, { name: 'x/data/1', data: f32le(B) }], { comment: 'made by hand', align: 1 });
    assert.deepEqual([...readPytorchWeights(withComment).get('w')!.data], W);
  });

  it('swaps the bytes of a file saved on a big-endian machine', () => {
    const big = (values: number[]) => {
      const bytes = new Uint8Array(4 * values.length);
      values.forEach((v, i) => new DataView(bytes.buffer).setFloat32(4 * i, v, false));
      return bytes;
    };
    const file = torchArchive(TWO_TENSOR_PICKLE, { 0: big(W), 1: big(B) }, { byteorder: 'big' });
    assert.deepEqual(readPytorchWeights(file).get('w')!.data, new Float32Array(W));
    refuses(() => readPytorchWeights(torchArchive(TWO_TENSOR_PICKLE, { 0: f32le(W), 1: f32le(B) }, { byteorder: 'middle' })), 'byteorder record says "middle"');
  });

  it('reads half and bfloat16 storages, parameters, views that share a storage, and a transposed tensor', () => {
    const tensors = readPytorchWeights(viewsTorchFile());
    assert.deepEqual([...tensors.get('half')!.data], [1, -(2 ** -24)]);
    assert.deepEqual(tensors.get('brain'), { shape: [1, 2], dtype: 'BF16', data: new Float32Array([1, Infinity]) });
    assert.deepEqual([...tensors.get('rows')!.data], [3, 4, 5, 6, 7, 8]);
    assert.deepEqual([...tensors.get('transposed')!.data], [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
    assert.deepEqual(tensors.get('scalar'), { shape: [], dtype: 'F32', data: new Float32Array([11]) });
    assert.deepEqual(tensors.get('empty')!.data.length, 0);
  });

  it('understands the other spellings a pickler may use: LONG_BINPUT/GET, MEMOIZE, SHORT_BINUNICODE, STACK_GLOBAL, FRAME, LONG1, BININT2, plain dicts', () => {
    const pickle = bytesOf(
      op.PROTO(4), op.FRAME(0), op.EMPTY_DICT, op.MEMOIZE, op.MARK,
      op.SHORT_BINUNICODE('t'), op.SHORT_BINUNICODE('torch._utils'), op.SHORT_BINUNICODE('_rebuild_tensor_v2'), op.STACK_GLOBAL, op.LONG_BINPUT(300),
      op.MARK, op.MARK, op.BINUNICODE('storage'), op.GLOBAL('torch', 'FloatStorage'), op.BINUNICODE('0'), op.BINUNICODE('cuda:0'), op.LONG1([6, 0]), op.TUPLE, op.BINPERSID,
      op.LONG1([]), op.BININT2(2), op.BININT(3), op.TUPLE2, op.BININT1(3), op.BININT1(1), op.TUPLE2, op.NEWFALSE, op.EMPTY_DICT,
      op.EMPTY_LIST, op.BINFLOAT(1.5), op.APPEND, op.MARK, op.NONE, op.NEWTRUE, op.APPENDS, op.BUILD, // BUILD on the tensor's metadata argument (a dict): ignored
      op.TUPLE, op.REDUCE,
      op.SHORT_BINUNICODE('u'), op.LONG_BINGET(300), op.MARK, op.MARK, op.BINUNICODE('storage'), op.GLOBAL('torch', 'FloatStorage'), op.BINUNICODE('0'), op.BINUNICODE('cpu'),
      op.BININT1(6), op.TUPLE, op.BINPERSID, op.BININT1(3), op.BININT1(3), op.TUPLE1, op.BININT1(1), op.TUPLE1, op.NEWFALSE, op.EMPTY_DICT, op.NONE, op.TUPLE, op.REDUCE,
      op.SETITEMS, op.STOP,
    );
    const tensors = readPytorchWeights(torchArchive(pickle, { 0: f32le(W) }));
    assert.deepEqual([...tensors.get('t')!.data], W);
    assert.deepEqual([...tensors.get('u')!.data], [4, 5, 6]);
  });

  it('refuses a forbidden global the moment GLOBAL names it, so nothing is ever called', () => {
    // The classic payload: os.system("touch /tmp/pwned"), i.e. GLOBAL, args, REDUCE.
    const payload = (module: string, name: string, argument: string) => bytesOf(op.PROTO(2), op.GLOBAL(module, name), op.BINUNICODE(argument), op.TUPLE1, op.REDUCE, op.STOP);
    const before = Object.keys(globalThis).length;
    for (const [module, name] of [['os', 'system'], ['builtins', 'eval'], ['posix', 'system'], ['__builtin__', 'exec'], ['subprocess', 'Popen'], ['torch', 'load'], ['torch._utils', '_rebuild_device_tensor_from_numpy']]) {
      refuses(() => readPytorchWeights(torchArchive(payload(module, name, 'globalThis.pwned = 1'), {})),
        `pytorch_model.bin: data.pkl: the pickle asks for the Python global "${module}.${name}", which a state dict of tensors does not need: Attention Explorer refused the file and ran nothing from it (at byte 2 of the pickle)`);
    }
    // The same through STACK_GLOBAL, and a forbidden global hidden inside an allowed structure.
    refuses(() => readPytorchWeights(torchArchive(bytesOf(op.PROTO(4), op.SHORT_BINUNICODE('builtins'), op.SHORT_BINUNICODE('eval'), op.STACK_GLOBAL, op.STOP), {})), '"builtins.eval"');
    const hidden = statePickle([{ name: 'w', key: '0', numel: 6, size: [2, 3] }]);
    const spliced = bytesOf(hidden.subarray(0, hidden.length - 2), op.BINUNICODE('x'), op.GLOBAL('os', 'system'), op.SETITEM, hidden.subarray(hidden.length - 2));
    refuses(() => readPytorchWeights(torchArchive(spliced, { 0: f32le(W) })), '"os.system"');
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
    assert.equal(Object.keys(globalThis).length, before);
  });

  it('refuses calling an allowed name the wrong way, and a storage class as a function', () => {
    const call = (...parts: number[][]) => torchArchive(bytesOf(op.PROTO(2), ...parts, op.STOP), {});
    refuses(() => readPytorchWeights(call(op.GLOBAL('torch', 'FloatStorage'), op.EMPTY_TUPLE, op.REDUCE)), 'the pickle calls torch.FloatStorage');
    refuses(() => readPytorchWeights(call(op.GLOBAL('collections', 'OrderedDict'), op.EMPTY_LIST, op.TUPLE1, op.REDUCE)), 'collections.OrderedDict is called with arguments');
    refuses(() => readPytorchWeights(call(op.GLOBAL('torch._utils', '_rebuild_tensor_v2'), op.EMPTY_TUPLE, op.REDUCE)), 'called with 0 arguments');
    refuses(() => readPytorchWeights(call(op.BINUNICODE('x'), op.EMPTY_TUPLE, op.REDUCE)), 'not an allowed function');
    refuses(() => readPytorchWeights(call(op.BINUNICODE('x'), op.EMPTY_DICT, op.BUILD)), 'neither a dict nor a tensor');
    refuses(() => readPytorchWeights(call(op.MARK, op.BINUNICODE('file'), op.GLOBAL('torch', 'FloatStorage'), op.BINUNICODE('0'), op.BINUNICODE('cpu'), op.BININT1(1), op.TUPLE, op.BINPERSID)), "not a ('storage', type, key, location, numel) tuple");
    refuses(() => readPytorchWeights(call(op.MARK, op.BINUNICODE('storage'), op.GLOBAL('torch', 'FloatStorage'), op.BINUNICODE('../../etc/passwd'), op.BINUNICODE('cpu'), op.BININT1(1), op.TUPLE, op.BINPERSID)), 'not a plain name');
    refuses(() => readPytorchWeights(call(op.GLOBAL('torch', 'ComplexFloatStorage'))), '"torch.ComplexFloatStorage"');
  });

  it('refuses unknown opcodes and the code-running ones it does not need', () => {
    const withOpcode = (...code: number[]) => torchArchive(bytesOf(op.PROTO(2), code, op.STOP), {});
    refuses(() => readPytorchWeights(withOpcode(0xff)), 'data.pkl: the pickle has an unknown opcode 0xff (at byte 2 of the pickle)');
    refuses(() => readPytorchWeights(withOpcode(0x69, ...enc.encode('os\nsystem\n'))), 'the pickle uses the opcode INST, which a state dict does not need');
    refuses(() => readPytorchWeights(withOpcode(0x81)), 'opcode NEWOBJ');
    refuses(() => readPytorchWeights(withOpcode(0x82, 1)), 'opcode EXT1');
    refuses(() => readPytorchWeights(withOpcode(0x50, ...enc.encode('0\n'))), 'opcode PERSID');
    refuses(() => readPytorchWeights(withOpcode(...op.PROTO(6))), 'pickle protocol 6');
  });

  it('refuses broken pickles with a message, not a crash', () => {
    const archive = (pickle: Uint8Array) => torchArchive(pickle, { 0: f32le(W), 1: f32le(B) });
    refuses(() => readPytorchWeights(archive(TWO_TENSOR_PICKLE.subarray(0, 40))), 'the pickle is truncated');
    refuses(() => readPytorchWeights(archive(TWO_TENSOR_PICKLE.subarray(0, TWO_TENSOR_PICKLE.length - 1))), 'the pickle is truncated');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.STOP))), 'pops an empty stack');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.BINGET(7), op.STOP))), 'memo entry 7, which it never stored');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.TUPLE, op.STOP))), 'no MARK');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.EMPTY_LIST, op.BININT1(1), op.BININT1(2), op.SETITEM, op.STOP))), 'not a dict');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.EMPTY_LIST, op.STOP))), 'does not hold a state dict');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.EMPTY_DICT, op.BINUNICODE('n'), op.BININT1(1), op.SETITEM, op.STOP))), '"n" in the state dict is not a tensor');
    refuses(() => readPytorchWeights(archive(bytesOf(op.PROTO(2), op.BINUNICODE('\u00e9'.repeat(2)).slice(0, -1), 0xff, op.STOP))), 'not valid UTF-8');
  });

  it('refuses a bad storage: missing, of the wrong size, or read past its end', () => {
    refuses(() => readPytorchWeights(torchArchive(TWO_TENSOR_PICKLE, { 0: f32le(W) })), 'the storage data/1 is missing from the archive');
    refuses(() => readPytorchWeights(torchArchive(TWO_TENSOR_PICKLE, { 0: f32le(W), 1: f32le([1, 2]) })), 'the storage data/1 has 8 bytes, its 3 F32 values need 12');
    const past = statePickle([{ name: 'w', key: '0', numel: 6, offset: 2, size: [2, 3] }]);
    refuses(() => readPytorchWeights(torchArchive(past, { 0: f32le(W) })), 'tensor "w" reaches element 7 of a storage of 6');
    const twice = statePickle([{ name: 'a', key: '0', numel: 6, size: [6] }, { name: 'b', key: '0', numel: 6, size: [3], storageType: 'HalfStorage' }]);
    refuses(() => readPytorchWeights(torchArchive(twice, { 0: f32le(W) })), 'storage "0" is described twice, differently');
    const ints = statePickle([{ name: 'embeddings.position_ids', storageType: 'LongStorage', key: '0', numel: 2, size: [1, 2] }, { name: 'w', key: '1', numel: 1, size: [1] }]);
    const file = torchArchive(ints, { 0: bytesOf(u64(0), u64(1)), 1: f32le([2]) });
    refuses(() => readPytorchWeights(file), 'tensor "embeddings.position_ids" is I64');
    assert.deepEqual([...readPytorchWeights(file, (name) => name === 'w').keys()], ['w'], 'an ignored int64 buffer is neither decoded nor refused');
  });

  it('refuses what is not a STORED zip of a state dict', () => {
    const file = twoTensorFile();
    refuses(() => readPytorchWeights(file.subarray(0, file.length - 10)), 'pytorch_model.bin: the ZIP archive is truncated: its central directory is missing');
    refuses(() => readPytorchWeights(file.subarray(0, 200)), 'truncated');
    refuses(() => readPytorchWeights(new Uint8Array(0)), 'pytorch_model.bin: is not a ZIP archive');
    refuses(() => readPytorchWeights(enc.encode('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 411577189\n')), 'is not a ZIP archive');
    // The legacy format: a bare pickle stream that starts with the LONG1 magic number 0x1950a86a20f9469cfc6c.
    refuses(() => readPytorchWeights(bytesOf(op.PROTO(2), op.LONG1([0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]), op.STOP)), 'legacy format');
    const deflated = zip([{ name: 'archive/data.pkl', data: TWO_TENSOR_PICKLE, method: 8 }]);
    refuses(() => readPytorchWeights(deflated), '"archive/data.pkl" is DEFLATED (compressed): Attention Explorer reads the uncompressed (STORED) archives torch.save writes');
    refuses(() => readPytorchWeights(zip([{ name: 'model/constants.pkl', data: new Uint8Array(1) }])), 'TorchScript');
    refuses(() => readPytorchWeights(zip([{ name: 'readme.txt', data: new Uint8Array(1) }])), 'without data.pkl');
    // A damaged pickle is caught by its CRC.
    const damaged = twoTensorFile();
    const at = damaged.indexOf(0x80, 30);
    damaged[at + 1] = 3;
    refuses(() => readPytorchWeights(damaged), '"archive/data.pkl" is damaged: its CRC-32 does not match');
  });
});

// ---------------------------------------------------------------------------------------------
// Names

describe('tensor names', () => {
  it('strips the bert. prefix, renames gamma/beta, and sets aside position_ids, the pooler and cls.*', () => {
    const names = [
      'bert.embeddings.word_embeddings.weight', 'bert.embeddings.position_ids', 'bert.embeddings.LayerNorm.gamma', 'bert.embeddings.LayerNorm.beta',
      'bert.encoder.layer.0.attention.self.query.weight', 'bert.pooler.dense.weight', 'cls.predictions.bias', 'cls.predictions.transform.LayerNorm.gamma',
      'classifier.weight',
    ];
    const { canonical, ignored } = normalizeTensorNames('bert', names);
    assert.deepEqual([...canonical], [
      ['embeddings.word_embeddings.weight', 'bert.embeddings.word_embeddings.weight'],
      ['embeddings.LayerNorm.weight', 'bert.embeddings.LayerNorm.gamma'],
      ['embeddings.LayerNorm.bias', 'bert.embeddings.LayerNorm.beta'],
      ['encoder.layer.0.attention.self.query.weight', 'bert.encoder.layer.0.attention.self.query.weight'],
      ['classifier.weight', 'classifier.weight'],
    ]);
    assert.deepEqual(ignored, ['bert.embeddings.position_ids', 'bert.pooler.dense.weight', 'cls.predictions.bias', 'cls.predictions.transform.LayerNorm.gamma']);
    assert.equal(canonicalTensorName('bert', 'embeddings.position_ids'), undefined);
    assert.equal(canonicalTensorName('bert', 'encoder.layer.1.output.LayerNorm.weight'), 'encoder.layer.1.output.LayerNorm.weight', 'canonical names stay as they are');
  });

  it('strips the transformer. prefix and sets aside the mask buffers and lm_head, not c_attn.bias', () => {
    const { canonical, ignored } = normalizeTensorNames('gpt2', ['transformer.wte.weight', 'h.0.attn.bias', 'transformer.h.0.attn.masked_bias', 'transformer.h.0.attn.c_attn.bias', 'h.11.attn.c_attn.weight', 'lm_head.weight', 'ln_f.weight']);
    assert.deepEqual([...canonical.keys()], ['wte.weight', 'h.0.attn.c_attn.bias', 'h.11.attn.c_attn.weight', 'ln_f.weight']);
    assert.deepEqual(ignored, ['h.0.attn.bias', 'transformer.h.0.attn.masked_bias', 'lm_head.weight']);
  });

  it('refuses two names for one tensor', () => {
    refuses(() => normalizeTensorNames('bert', ['bert.embeddings.LayerNorm.weight', 'embeddings.LayerNorm.gamma']), 'both "bert.embeddings.LayerNorm.weight" and "embeddings.LayerNorm.gamma"');
  });
});

// ---------------------------------------------------------------------------------------------
// The weights against the config

const tinyBert: BertConfig = {
  modelType: 'bert', hiddenSize: 8, numLayers: 2, numHeads: 2, headSize: 4, intermediateSize: 12, maxPositions: 10, vocabSize: 20,
  layerNormEps: 1e-12, typeVocabSize: 2, activation: 'gelu',
};
const tinyGpt2: Gpt2Config = {
  modelType: 'gpt2', hiddenSize: 8, numLayers: 2, numHeads: 2, headSize: 4, intermediateSize: 32, maxPositions: 16, vocabSize: 30,
  layerNormEps: 1e-5, activation: 'gelu_new', scaleAttnWeights: true, scaleAttnByInverseLayerIdx: false,
};

/** Every tensor a config's forward pass needs, in PyTorch's shapes, with deterministic values. */
function modelShapes(config: ModelConfig): Record<string, number[]> {
  const h = config.hiddenSize;
  const f = config.intermediateSize;
  const shapes: Record<string, number[]> = {};
  if (config.modelType === 'bert') {
    Object.assign(shapes, {
      'embeddings.word_embeddings.weight': [config.vocabSize, h], 'embeddings.position_embeddings.weight': [config.maxPositions, h],
      'embeddings.token_type_embeddings.weight': [config.typeVocabSize, h], 'embeddings.LayerNorm.weight': [h], 'embeddings.LayerNorm.bias': [h],
    });
    for (let i = 0; i < config.numLayers; i++) {
      const p = `encoder.layer.${i}.`;
      for (const part of ['query', 'key', 'value']) Object.assign(shapes, { [`${p}attention.self.${part}.weight`]: [h, h], [`${p}attention.self.${part}.bias`]: [h] });
      Object.assign(shapes, {
        [`${p}attention.output.dense.weight`]: [h, h], [`${p}attention.output.dense.bias`]: [h], [`${p}attention.output.LayerNorm.weight`]: [h], [`${p}attention.output.LayerNorm.bias`]: [h],
        [`${p}intermediate.dense.weight`]: [f, h], [`${p}intermediate.dense.bias`]: [f],
        [`${p}output.dense.weight`]: [h, f], [`${p}output.dense.bias`]: [h], [`${p}output.LayerNorm.weight`]: [h], [`${p}output.LayerNorm.bias`]: [h],
      });
    }
  } else {
    Object.assign(shapes, { 'wte.weight': [config.vocabSize, h], 'wpe.weight': [config.maxPositions, h] });
    for (let i = 0; i < config.numLayers; i++) {
      const p = `h.${i}.`;
      Object.assign(shapes, {
        [`${p}ln_1.weight`]: [h], [`${p}ln_1.bias`]: [h], [`${p}attn.c_attn.weight`]: [h, 3 * h], [`${p}attn.c_attn.bias`]: [3 * h],
        [`${p}attn.c_proj.weight`]: [h, h], [`${p}attn.c_proj.bias`]: [h], [`${p}ln_2.weight`]: [h], [`${p}ln_2.bias`]: [h],
        [`${p}mlp.c_fc.weight`]: [h, f], [`${p}mlp.c_fc.bias`]: [f], [`${p}mlp.c_proj.weight`]: [f, h], [`${p}mlp.c_proj.bias`]: [h],
      });
    }
    Object.assign(shapes, { 'ln_f.weight': [h], 'ln_f.bias': [h] });
  }
  return shapes;
}

const fill = (shape: number[], seed: number) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 7 + seed * 13) % 17) / 16 - 0.5);
const weightMap = (shapes: Record<string, number[]>, rename: (name: string) => string = (n) => n): Map<string, WeightTensor> =>
  new Map(Object.entries(shapes).map(([name, shape], i) => [rename(name), { shape, dtype: 'F32', data: fill(shape, i) }]));

describe('requireWeights', () => {
  it('hands over every BERT tensor in a typed structure', () => {
    const tensors = weightMap(modelShapes(tinyBert), (name) => `bert.${name}`.replace(/LayerNorm\.weight$/, 'LayerNorm.gamma'));
    const weights = requireWeights(tinyBert, tensors);
    assert.equal(weights.modelType, 'bert');
    if (weights.modelType !== 'bert') return;
    assert.equal(weights.layers.length, 2);
    assert.deepEqual(weights.layers[1].key.weight.shape, [8, 8]);
    assert.equal(weights.layers[1].key.weight, tensors.get('bert.encoder.layer.1.attention.self.key.weight'));
    assert.equal(weights.embeddingsLayerNorm.weight, tensors.get('bert.embeddings.LayerNorm.gamma'));
    assert.deepEqual(weights.layers[0].intermediate.weight.shape, [12, 8]);
    assert.deepEqual(weights.layers[0].output.weight.shape, [8, 12]);
  });

  it('hands over every GPT-2 tensor, Conv1D weights as in × out', () => {
    const weights = requireWeights(tinyGpt2, weightMap(modelShapes(tinyGpt2), (name) => `transformer.${name}`));
    assert.equal(weights.modelType, 'gpt2');
    if (weights.modelType !== 'gpt2') return;
    assert.deepEqual(weights.blocks[0].attention.weight.shape, [8, 24]);
    assert.deepEqual(weights.blocks[1].fc.weight.shape, [8, 32]);
    assert.deepEqual(weights.lnF.bias.shape, [8]);
  });

  it('names a mis-shaped tensor with both shapes', () => {
    const config: BertConfig = { ...tinyBert, hiddenSize: 256, numHeads: 4, headSize: 64, numLayers: 4, intermediateSize: 16, vocabSize: 4, maxPositions: 4 };
    const shapes = modelShapes(config);
    shapes['encoder.layer.3.attention.self.key.weight'] = [256, 128];
    const tensors = new Map(Object.entries(shapes).map(([name, shape]) => [name, { shape, dtype: 'F32', data: new Float32Array(0) }]));
    refuses(() => requireWeights(config, tensors), 'the weights do not match config.json (bert, 4 layers, hidden size 256): encoder.layer.3.attention.self.key.weight has shape [256, 128], expected [256, 256]');
  });

  it('names a missing tensor, a Linear-shaped Conv1D, and counts the rest', () => {
    const shapes = modelShapes(tinyGpt2);
    delete shapes['h.1.ln_2.bias'];
    shapes['h.0.attn.c_attn.weight'] = [24, 8];
    refuses(() => requireWeights(tinyGpt2, weightMap(shapes)), 'h.0.attn.c_attn.weight has shape [24, 8], expected [8, 24]; h.1.ln_2.bias is missing');
    const wrongVocab = weightMap(modelShapes({ ...tinyBert, numLayers: 1, hiddenSize: 4, headSize: 2 }));
    refuses(() => requireWeights(tinyBert, wrongVocab), /; and \d+ more$/);
  });

  it('says when the weights are of another model altogether', () => {
    refuses(() => requireWeights(tinyBert, weightMap(modelShapes(tinyGpt2))), 'the weights hold none of the 37 tensors a bert, 2 layers, hidden size 8 model needs (the first is embeddings.word_embeddings.weight)');
  });
});

// ---------------------------------------------------------------------------------------------
// Whole folders' weights files

describe('a tiny model\'s weights file, end to end', () => {
  it('loads a BERT pytorch_model.bin with the bert. prefix, an int64 position_ids and the MLM head', () => {
    const shapes = modelShapes(tinyBert);
    const tensors: Record<string, { shape: number[]; data: ArrayLike<number> }> = {};
    for (const [name, shape] of Object.entries(shapes)) tensors[`bert.${name}`] = { shape, data: fill(shape, name.length) };
    tensors['cls.predictions.bias'] = { shape: [20], data: new Float32Array(20) };
    const pickled = [...Object.entries(tensors)].map(([name, t], i) => ({ name, key: String(i), numel: t.data.length, size: t.shape }));
    const positionIds = { name: 'bert.embeddings.position_ids', storageType: 'LongStorage', key: 'ids', numel: 10, size: [1, 10] };
    const file = torchArchive(statePickle([...pickled, positionIds]), {
      ...Object.fromEntries(Object.values(tensors).map((t, i) => [String(i), f32le(Array.from(t.data))])),
      ids: bytesOf(...[...Array(10).keys()].map(u64)),
    });
    const weights = loadModelWeights(tinyBert, 'pytorch_model.bin', file);
    if (weights.modelType !== 'bert') assert.fail('a BERT');
    const name = 'encoder.layer.1.attention.self.value.weight';
    assert.deepEqual(weights.layers[1].value.weight.data, fill(shapes[name], name.length));
    assert.deepEqual([...readWeightsFile(tinyBert, 'pytorch_model.bin', file).keys()].filter((n) => !n.startsWith('bert.encoder')), [
      'bert.embeddings.word_embeddings.weight', 'bert.embeddings.position_embeddings.weight', 'bert.embeddings.token_type_embeddings.weight',
      'bert.embeddings.LayerNorm.weight', 'bert.embeddings.LayerNorm.bias',
    ], 'cls.* and position_ids are not decoded');
  });

  it('loads a GPT-2 pytorch_model.bin with the transformer. prefix, the float mask buffers and the LM head', () => {
    const shapes = modelShapes(tinyGpt2);
    const tensors: Record<string, { shape: number[]; data: ArrayLike<number> }> = {};
    for (const [name, shape] of Object.entries(shapes)) tensors[`transformer.${name}`] = { shape, data: fill(shape, name.length) };
    tensors['transformer.h.0.attn.bias'] = { shape: [1, 1, 16, 16], data: new Float32Array(256).fill(1) };
    tensors['transformer.h.0.attn.masked_bias'] = { shape: [], data: [-1e4] };
    tensors['lm_head.weight'] = { shape: [30, 8], data: new Float32Array(240) };
    const weights = loadModelWeights(tinyGpt2, 'pytorch_model.bin', torchFile(tensors));
    if (weights.modelType !== 'gpt2') assert.fail('a GPT-2');
    assert.deepEqual(weights.tokenEmbeddings.data, fill([30, 8], 'wte.weight'.length));
  });

  it('neither decodes nor refuses an extra tensor the forward pass does not read', () => {
    const files = Object.entries(modelShapes(tinyBert)).map(([name, shape]) => ({ name, dtype: 'F32', shape, bytes: f32le(Array.from(fill(shape, 1))) }));
    files.push({ name: 'classifier.weight', dtype: 'I8', shape: [2], bytes: new Uint8Array(2) });
    const file = safetensorsFile(files);
    assert.ok(!readWeightsFile(tinyBert, 'model.safetensors', file).has('classifier.weight'));
    assert.equal(loadModelWeights(tinyBert, 'model.safetensors', file).modelType, 'bert');
    refuses(() => readSafetensorsWeights(file), 'tensor "classifier.weight" is I8');
  });

  it('loads a GPT-2 model.safetensors in F16 with the transformer. prefix and the mask buffers', () => {
    const shapes = modelShapes(tinyGpt2);
    const files = Object.entries(shapes).map(([name, shape]) => {
      const count = shape.reduce((a, b) => a * b, 1);
      // Halves of k/8 for small k: exact in F16.
      return { name: `transformer.${name}`, dtype: 'F16', shape, bytes: bytesOf(...Array.from({ length: count }, (_, i) => u16(0x3000 + (i % 8)))) };
    });
    files.push({ name: 'transformer.h.0.attn.bias', dtype: 'BOOL', shape: [1, 1, 16, 16], bytes: new Uint8Array(256) });
    const weights = loadModelWeights(tinyGpt2, 'model.safetensors', safetensorsFile(files));
    if (weights.modelType !== 'gpt2') assert.fail('a GPT-2');
    assert.deepEqual([...weights.blocks[0].mlpProjection.bias.data.slice(0, 3)], [0.125, 0.125 + 2 ** -13, 0.125 + 2 ** -12]);
    refuses(() => loadModelWeights(tinyBert, 'model.safetensors', safetensorsFile(files)), 'the weights hold none of the');
  });
});
