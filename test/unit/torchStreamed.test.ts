/**
 * pytorch_model.bin read by ranges, the Node host's way for large models (readPytorchWeightsStreamed,
 * loadModelFolder with a RangedModelFile): the same tensors as the whole-file read for the
 * generated tiny models and the hand-made archives (ZIP64, a comment, views sharing a storage,
 * big-endian), with reads no larger than a storage and the file read about once; and the same
 * messages as the whole-file read for every truncation and damage tried.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelFileError, PYTORCH_FILE, readPytorchWeights, readPytorchWeightsStreamed, type TensorFilter, type WeightMap } from '../../src/common/models/files/index';
import { loadModelFolder, type ReadModelFile } from '../../src/common/models/folder/modelFolder';
import { bytesOf, f32le } from '../support/models/bytes';
import { statePickle } from '../support/models/pickleWriter';
import { rangedFiles, type AskedRange } from '../support/models/rangedFiles';
import { tinyModel, type TinyModelOptions } from '../support/models/tinyModel';
import { torchArchive, torchFile, viewsTorchFile } from '../support/models/torchFile';
import { zip } from '../support/models/zipWriter';

/** The file read by ranges, and the ranges read. */
async function streamed(file: Uint8Array, filter?: TensorFilter): Promise<{ weights: WeightMap; asked: AskedRange[] }> {
  const { reader, asked } = rangedFiles({ [PYTORCH_FILE]: file });
  const weights = await readPytorchWeightsStreamed(file.length, (offset, length) => reader.read(PYTORCH_FILE, offset, length), filter);
  return { weights, asked };
}

/** The message each way of reading refuses the file with: the same one, or undefined when both read it. */
async function sameRefusal(file: Uint8Array): Promise<string | undefined> {
  let whole: string | undefined;
  try {
    readPytorchWeights(file);
  } catch (error) {
    assert.ok(error instanceof ModelFileError, `the whole read fails with a ModelFileError, not ${String(error)}`);
    whole = error.message;
  }
  let ranged: string | undefined;
  try {
    await streamed(file);
  } catch (error) {
    assert.ok(error instanceof ModelFileError, `the streamed read fails with a ModelFileError, not ${String(error)}`);
    ranged = error.message;
  }
  assert.equal(ranged, whole, `a file of ${file.length} bytes`);
  return whole;
}

const BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2 };
const bytesOfTensor = (t: { dtype: string; data: ArrayLike<number> }) => t.data.length * BYTES[t.dtype];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('pytorch_model.bin streamed: the tensors of the whole-file read, a storage at a time', () => {
  const cases: [string, TinyModelOptions, boolean][] = [
    ['bert, prefixed, F32', { type: 'bert', weights: 'bin', tokenizer: 'vocab', prefix: true }, false],
    ['gpt2, F16', { type: 'gpt2', weights: 'bin', tokenizer: 'vocab', dtype: 'F16' }, false],
    ['bert, BF16, 3 layers', { type: 'bert', weights: 'bin', tokenizer: 'vocab', dtype: 'BF16', layers: 3 }, false],
    ['gpt2 re-saved as ZIP64', { type: 'gpt2', weights: 'bin', tokenizer: 'vocab', prefix: true }, true],
  ];
  for (const [title, options, zip64] of cases) {
    it(`${title}: the same tensors; no read bigger than a storage and a few KB; the file read about once`, async () => {
      const model = tinyModel(options);
      const file = zip64 ? torchFile(Object.fromEntries(model.tensors), { zip64: true }) : model.files[PYTORCH_FILE];
      // BERT's position_ids are int64, which the readers refuse when asked for (the model loader never does).
      const floats: TensorFilter = (name) => !name.endsWith('position_ids');
      const whole = readPytorchWeights(file, floats);
      const { weights, asked } = await streamed(file, floats);
      assert.deepEqual([...weights.keys()], [...whole.keys()], 'the same names, in the same order');
      assert.deepEqual(weights, whole);

      const storages = [...model.tensors.values()].map((t) => (zip64 ? 4 * t.data.length : bytesOfTensor(t)));
      const largest = Math.max(...storages);
      const biggest = Math.max(...asked.map((range) => range.length));
      assert.ok(biggest <= largest + 4096, `the biggest read is ${biggest} bytes, the largest storage ${largest}`);
      const total = sum(asked.map((range) => range.length));
      assert.ok(total >= sum(storages) && total <= file.length, `read ${total} bytes of a file of ${file.length} whose storages hold ${sum(storages)}`);
      if (zip64) assert.ok(asked.some((range) => range.length === 56), 'the ZIP64 end record was read');
      for (const [name, tensor] of weights) assert.equal(tensor.data.buffer.byteLength, tensor.data.byteLength, `"${name}" has memory of its own`);
    });
  }

  it('views sharing a storage (read once), a partial view in memory of its own size, a transposed tensor, halves, big-endian', async () => {
    const file = viewsTorchFile();
    const { weights, asked } = await streamed(file);
    assert.deepEqual(weights, readPytorchWeights(file));
    assert.deepEqual([...weights.get('rows')!.data], [3, 4, 5, 6, 7, 8]);
    assert.equal(asked.filter((range) => range.length === 48).length, 1, 'storage 2 (12 floats) is read once for its four tensors');
    assert.equal(weights.get('rows')!.data.buffer.byteLength, 24, 'six floats do not keep the twelve of their storage');

    const big = (values: number[]) => {
      const bytes = new Uint8Array(4 * values.length);
      values.forEach((v, i) => new DataView(bytes.buffer).setFloat32(4 * i, v, false));
      return bytes;
    };
    const twoTensors = statePickle([{ name: 'w', key: '0', numel: 6, size: [2, 3] }, { name: 'b', key: '1', numel: 3, size: [3] }]);
    const bigEndian = torchArchive(twoTensors, { 0: big([1, 2, 3, 4, 5, 6]), 1: big([0.5, -1, 2]) }, { byteorder: 'big' });
    assert.deepEqual((await streamed(bigEndian)).weights.get('b')!.data, new Float32Array([0.5, -1, 2]));
  });

  it('finds the end record after a comment, and reads no storage the filter leaves out', async () => {
    const pickle = statePickle([{ name: 'w', key: '0', numel: 6, size: [2, 3] }, { name: 'unused', key: '1', numel: 100_000, size: [100_000] }]);
    const entries = [{ name: 'x/data/1', data: new Uint8Array(400_000) }, { name: 'x/data.pkl', data: pickle }, { name: 'x/data/0', data: f32le([1, 2, 3, 4, 5, 6]) }];
    const file = zip(entries, { comment: 'made by hand' });
    const { weights, asked } = await streamed(file, (name) => name === 'w');
    assert.deepEqual([...weights.keys()], ['w']);
    assert.deepEqual([...weights.get('w')!.data], [1, 2, 3, 4, 5, 6]);
    // With a comment the end record is looked for in the last 64 KB; the rest of the unused storage is never read.
    const total = sum(asked.map((range) => range.length));
    assert.ok(total < 100_000, `read ${total} bytes of ${file.length}: the unused storage was not read`);
  });
});

describe('pytorch_model.bin streamed: truncated and damaged files get the whole-file read\'s messages', () => {
  const file = tinyModel({ type: 'gpt2', weights: 'bin', tokenizer: 'vocab' }).files[PYTORCH_FILE];

  it('at every cut tried, from the first bytes to the last', async () => {
    const cuts = new Set([0, 1, 3, 4, 30, 100, 262, 263, 1000]);
    for (let cut = 1; cut < file.length; cut += 1009) cuts.add(cut);
    for (let cut = file.length - 200; cut < file.length; cut++) cuts.add(cut);
    const messages = new Set<string>();
    for (const cut of cuts) {
      const message = await sameRefusal(file.subarray(0, cut));
      assert.ok(message, `a file cut at ${cut} of ${file.length} bytes is refused`);
      messages.add(message);
    }
    assert.ok(messages.has('pytorch_model.bin: the ZIP archive is truncated: its central directory is missing'));
    assert.ok(messages.has('pytorch_model.bin: is not a ZIP archive'));
  });

  it('a file with a part missing, a damaged local header, a compressed storage, a damaged pickle', async () => {
    // The first 4,000 bytes and the last 2,000 (the central directory and the end record): the directory now points past them.
    assert.equal(await sameRefusal(bytesOf(file.subarray(0, 4000), file.subarray(file.length - 2000))), 'pytorch_model.bin: the ZIP archive is truncated or damaged: its central directory lies outside the file');
    const noHeader = bytesOf(file);
    noHeader.fill(0, indexOf(noHeader, 'archive/data/0') - 30, indexOf(noHeader, 'archive/data/0') - 26);
    assert.equal(await sameRefusal(noHeader), 'pytorch_model.bin: the local header of "archive/data/0" is missing or damaged');
    const pickle = statePickle([{ name: 'w', key: '0', numel: 2, size: [2] }]);
    const compressed = zip([{ name: 'archive/data.pkl', data: pickle }, { name: 'archive/data/0', data: f32le([1, 2]), method: 8 }]);
    assert.equal(await sameRefusal(compressed), 'pytorch_model.bin: "archive/data/0" is DEFLATED (compressed): Attention Explorer reads the uncompressed (STORED) archives torch.save writes; re-save the weights with torch.save or as model.safetensors');
    const damaged = bytesOf(file);
    damaged[damaged.indexOf(0x80, 30) + 1] = 3;
    assert.equal(await sameRefusal(damaged), 'pytorch_model.bin: "archive/data.pkl" is damaged: its CRC-32 does not match');
  });
});

describe('loadModelFolder: pytorch_model.bin streamed in the Node host', () => {
  /** A ReadModelFile that refuses to give the weights whole. */
  const smallFiles = (files: Readonly<Record<string, Uint8Array>>): ReadModelFile => async (name) => {
    assert.notEqual(name, PYTORCH_FILE, 'the .bin is never read whole');
    return Object.hasOwn(files, name) ? files[name] : undefined;
  };

  it('gives the weights the whole file gives, never reading the unused head', async () => {
    const model = tinyModel({ type: 'bert', weights: 'bin', tokenizer: 'vocab', prefix: true });
    const whole = await loadModelFolder('tiny', async (name) => model.files[name]);
    const { reader, asked } = rangedFiles(model.files);
    const loaded = await loadModelFolder('tiny', smallFiles(model.files), reader);
    assert.deepEqual(loaded.weights, whole.weights);
    const file = model.files[PYTORCH_FILE];
    const unused = sum([...model.tensors].filter(([name]) => name.startsWith('cls.')).map(([, t]) => bytesOfTensor(t)));
    const total = sum(asked.map((range) => range.length));
    assert.ok(total <= file.length - unused, `read ${total} bytes of ${file.length}, ${unused} of them the unused head's`);
  });

  it('says a truncated .bin is truncated', async () => {
    const model = tinyModel({ type: 'gpt2', weights: 'bin', tokenizer: 'vocab' });
    const cut = { ...model.files, [PYTORCH_FILE]: model.files[PYTORCH_FILE].subarray(0, 5000) };
    await assert.rejects(loadModelFolder('tiny', smallFiles(cut), rangedFiles(cut).reader), (error: unknown) =>
      error instanceof ModelFileError && error.message === 'pytorch_model.bin: the ZIP archive is truncated: its central directory is missing');
  });
});

/** Where the name first appears in the file: in its local header, 30 bytes after the header's start. */
function indexOf(file: Uint8Array, name: string): number {
  const text = Buffer.from(file.buffer, file.byteOffset, file.byteLength).indexOf(name, 0, 'latin1');
  assert.ok(text > 0, `${name} is in the file`);
  return text;
}
