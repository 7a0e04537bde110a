/** The safetensors writer and reader, the tensor names and patterns, and the CLI's atomic file write. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { computeAttention } from '../../src/common/attention/attention';
import { resolveConfig } from '../../src/common/attention/config';
import { tokenize } from '../../src/common/attention/tokenizer';
import {
  decodeFloats,
  encodeSafetensors,
  float32Bytes,
  MAX_HEADER_BYTES,
  parseSafetensorsHeader,
  planSafetensors,
  readSafetensors,
  SafetensorsError,
  safetensorsChunks,
  type TensorToWrite,
} from '../../src/common/export/safetensors';
import {
  attentionTensors,
  matchesTensorPattern,
  parseTensorList,
  selectTensorNames,
  tensorNames,
  TensorPatternError,
} from '../../src/common/export/tensorNames';
import { joinChunks } from '../../src/common/export/joinChunks';
import { OutputError, writeFileAtomically } from '../../src/cli/outputFile';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const le64 = (n: number) => [n & 0xff, (n >> 8) & 0xff, 0, 0, 0, 0, 0, 0];

/** A small deterministic PRNG (mulberry32), so a failure can be reproduced. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file as bytes with the given header object and data length, for the reader's refusals. */
function fileWithHeader(header: unknown, dataBytes: number, pad = ''): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header) + pad);
  return new Uint8Array([...le64(json.length), ...json, ...new Uint8Array(dataBytes)]);
}

describe('the safetensors writer, byte for byte', () => {
  // Hugging Face's own test vectors: safetensors/src/tensor.rs, test_serialization_forced_alignement
  // and test_serialization (six float32 values 0…5), and test_empty (metadata, no tensor).
  const values = [0, 1, 2, 3, 4, 5];
  const floatBytes = [0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64];

  it('pads the header with spaces to a multiple of 8 and writes the length little-endian', () => {
    const tensors = [{ name: 'attn0', shape: [1, 1, 2, 3], data: values }];
    const json = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}';
    assert.equal(json.length, 65);
    const expected = [72, 0, 0, 0, 0, 0, 0, 0, ...ascii(json), ...Array(7).fill(32), ...floatBytes];
    assert.deepEqual([...encodeSafetensors(tensors)], expected);
    assert.deepEqual([...joinChunks(safetensorsChunks(tensors, {}, 4))], expected, 'the same, streamed in chunks of 4 values');
    assert.deepEqual([...planSafetensors(tensors).header], expected.slice(0, 80));
  });

  it('adds no padding to a header that is already a multiple of 8', () => {
    const json = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    assert.equal(json.length, 64);
    assert.deepEqual([...encodeSafetensors([{ name: 'attn.0', shape: [1, 2, 3], data: new Float64Array(values) }])], [...le64(64), ...ascii(json), ...floatBytes]);
  });

  it('writes __metadata__ first, and a file with no tensor', () => {
    assert.deepEqual([...encodeSafetensors([])], [8, 0, 0, 0, 0, 0, 0, 0, ...ascii('{}'), 32, 32, 32, 32, 32, 32]);
    assert.deepEqual([...encodeSafetensors([], { framework: 'pt' })], [40, 0, 0, 0, 0, 0, 0, 0, ...ascii('{"__metadata__":{"framework":"pt"}}'), 32, 32, 32, 32, 32]);
    const [first] = [...encodeSafetensors([{ name: 'a', shape: [1], data: [1] }], { k: 'v' })].slice(8, 9);
    assert.equal(String.fromCharCode(first), '{');
    assert.match(new TextDecoder().decode(encodeSafetensors([{ name: 'a', shape: [1], data: [1] }], { k: 'v' }).subarray(8)), /^\{"__metadata__":\{"k":"v"\},"a":/);
  });

  it('stores -Infinity, NaN and values rounded to float32 as IEEE little-endian', () => {
    const bytes = float32Bytes([-Infinity, Infinity, 0.1, -0]);
    assert.deepEqual([...bytes.subarray(0, 8)], [0, 0, 0x80, 0xff, 0, 0, 0x80, 0x7f]);
    assert.deepEqual([...bytes.subarray(8, 12)], [0xcd, 0xcc, 0xcc, 0x3d], '0.1 rounds to 0x3dcccccd');
    assert.deepEqual([...bytes.subarray(12)], [0, 0, 0, 0x80]);
  });

  it('gives the same bytes on a big-endian host, through DataView', () => {
    const random = prng(7);
    const data = Float64Array.from({ length: 1000 }, () => (random() - 0.5) * 10 ** Math.floor(random() * 80 - 40));
    data[3] = -Infinity;
    data[4] = NaN;
    assert.deepEqual(float32Bytes(data, 0, data.length, false), float32Bytes(data, 0, data.length, true));
    assert.deepEqual(float32Bytes(Array.from(data), 10, 20, true), float32Bytes(data, 10, 20, true), 'a plain array too');
    const raw = float32Bytes(data);
    assert.deepEqual(decodeFloats(raw, 4, false), decodeFloats(raw, 4, true));
  });

  it('refuses names and shapes that would make an invalid file', () => {
    const t = (name: string, shape: number[], data: number[]) => ({ name, shape, data });
    assert.throws(() => planSafetensors([t('a', [1], [1]), t('a', [1], [1])]), /appears twice/);
    assert.throws(() => planSafetensors([t('__metadata__', [1], [1])]), SafetensorsError);
    assert.throws(() => planSafetensors([t('', [1], [1])]), SafetensorsError);
    assert.throws(() => planSafetensors([t('a', [2, 2], [1, 2, 3])]), /3 values, its shape \[2, 2\] needs 4/);
    assert.throws(() => planSafetensors([t('a', [-1], [])]), /invalid dimension/);
    assert.throws(() => planSafetensors([], { big: 'x'.repeat(MAX_HEADER_BYTES) }), /more than the 100000000/);
  });
});

describe('the safetensors reader', () => {
  it('reads back random tensors exactly as float32, with their shapes, order and metadata', () => {
    const random = prng(42);
    for (let round = 0; round < 20; round++) {
      const tensors: TensorToWrite[] = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => {
        const shape = Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * 5)); // [] is a scalar; a 0 makes it empty
        const count = shape.reduce((a, b) => a * b, 1);
        const data = Float64Array.from({ length: count }, () => (random() - 0.5) * 2 ** (random() * 300 - 150));
        if (count > 2) [data[0], data[1]] = [-Infinity, NaN];
        return { name: `t.${round}.${i}`, shape, data };
      });
      const metadata = { tokens: JSON.stringify([{ text: '银行 "x"\n' }]), round: String(round) };
      const bytes = joinChunks(safetensorsChunks(tensors, metadata, 1 + Math.floor(random() * 5)));
      assert.deepEqual(bytes, encodeSafetensors(tensors, metadata), 'streamed and whole give the same file');
      const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
      assert.equal((8 + n) % 8, 0, 'the data starts 8-byte aligned');
      assert.equal(bytes.length, planSafetensors(tensors, metadata).byteLength);

      const read = readSafetensors(bytes);
      assert.deepEqual(read.metadata, metadata);
      assert.deepEqual([...read.tensors.keys()], tensors.map((t) => t.name));
      for (const { name, shape, data } of tensors) {
        const tensor = read.tensors.get(name)!;
        assert.equal(tensor.dtype, 'F32');
        assert.deepEqual(tensor.shape, shape);
        assert.ok(tensor.data instanceof Float32Array);
        assert.equal(tensor.data.length, data.length);
        for (let i = 0; i < data.length; i++) assert.ok(Object.is(tensor.data[i], Math.fround(data[i])), `${name}[${i}] = ${tensor.data[i]}, expected ${Math.fround(data[i])}`);
      }
    }
  });

  it('reads a file whose bytes are not aligned in memory, and float64 tensors', () => {
    const f64 = new Float64Array([1.5, -Infinity, Math.PI]);
    const header = { x: { dtype: 'F64', shape: [3], data_offsets: [0, 24] } };
    const file = fileWithHeader(header, 0, '   ');
    const whole = new Uint8Array([...file, ...new Uint8Array(f64.buffer)]);
    const shifted = new Uint8Array(whole.length + 1).subarray(1);
    shifted.set(whole);
    for (const bytes of [whole, shifted]) assert.deepEqual([...readSafetensors(bytes).tensors.get('x')!.data], [...f64]);
  });

  it('keeps "__proto__" as a key like any other', () => {
    const bytes = encodeSafetensors([{ name: '__proto__', shape: [1], data: [2] }], { __proto__x: 'a', ['__proto__']: 'b' } as Record<string, string>);
    const read = readSafetensors(bytes);
    assert.deepEqual([...read.tensors.keys()], ['__proto__']);
    assert.ok(Object.hasOwn(read.metadata, '__proto__'));
    assert.equal(read.metadata['__proto__'], 'b');
    assert.equal(Object.getPrototypeOf(read.metadata), Object.prototype);
  });

  it('writes lone surrogates in metadata as U+FFFD, which strict JSON readers accept', () => {
    const read = readSafetensors(encodeSafetensors([], { text: 'a\uD800b' }));
    assert.equal(read.metadata.text, 'a\uFFFDb');
  });

  const valid = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } };
  for (const [why, bytes, message] of [
    ['shorter than 8 bytes', new Uint8Array(5), /shorter than the 8-byte/],
    ['a header length past the end', new Uint8Array([100, 0, 0, 0, 0, 0, 0, 0, 123, 125]), /runs past the end/],
    ['a header length over the limit', new Uint8Array([0, 0, 0, 0, 1, 0, 0, 0]), /over the limit/],
    ['a header not starting with {', fileWithHeader([], 0), /does not begin with "\{"/],
    ['a header that is not JSON', new Uint8Array([...le64(2), 123, 120]), /not valid JSON/],
    ['invalid UTF-8', new Uint8Array([...le64(4), 123, 0xff, 0xfe, 125]), /not valid UTF-8/],
    ['metadata that is not a string', fileWithHeader({ __metadata__: { n: 1 } }, 0), /"n" is not a string/],
    ['an unknown dtype', fileWithHeader({ a: { dtype: 'F33', shape: [1], data_offsets: [0, 4] } }, 4), /unknown dtype/],
    ['a negative dimension', fileWithHeader({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4), /invalid shape/],
    ['a hole in the data', fileWithHeader({ ...valid, b: { ...valid.b, data_offsets: [12, 16] } }, 16), /"b" starts at byte 12, not 8/],
    ['overlapping tensors', fileWithHeader({ ...valid, b: { ...valid.b, data_offsets: [4, 8] } }, 8), /hole or an overlap/],
    ['a size that does not fit the shape', fileWithHeader({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8), /has 8 bytes.*need 12/],
    ['bytes after the last tensor', fileWithHeader(valid, 13), /cover 12 bytes of data, the file has 13/],
    ['missing data', fileWithHeader(valid, 11), /cover 12 bytes of data, the file has 11/],
  ] as const) {
    it(`refuses ${why}`, () => {
      assert.throws(() => readSafetensors(bytes), (error: Error) => error instanceof SafetensorsError && message.test(error.message));
    });
  }

  it('reads the header alone of a file not all in memory', () => {
    const bytes = encodeSafetensors([{ name: 'a', shape: [1000], data: new Float64Array(1000) }], { k: 'v' });
    const header = parseSafetensorsHeader(bytes.subarray(0, 200), bytes.length);
    assert.deepEqual(header.metadata, { k: 'v' });
    assert.deepEqual(header.tensors.get('a'), { dtype: 'F32', shape: [1000], dataOffsets: [0, 4000] });
    assert.equal(header.headerBytes + 8 + 4000, bytes.length);
  });
});

describe('tensor names and --tensors patterns', () => {
  it('names every intermediate as the JSON schema does, in its order', () => {
    assert.deepEqual(tensorNames(2), [
      'embeddings',
      ...[0, 1].flatMap((h) => ['wq', 'wk', 'wv', 'q', 'k', 'v', 'scores', 'scaled', 'weights', 'z'].map((p) => `heads.${h}.${p}`)),
      'wo', 'concat', 'output',
    ]);
  });

  it('maps an analysis to those names with its matrices shapes, sharing their data', () => {
    const config = resolveConfig({ dModel: 12, heads: 3, dK: 5, mask: 'causal', positional: 'sinusoidal' });
    const result = computeAttention(tokenize('one two three four'), config);
    const tensors = attentionTensors(result);
    assert.deepEqual(tensors.map((t) => t.name), tensorNames(3));
    const shapes = Object.fromEntries(tensors.map((t) => [t.name, t.shape]));
    assert.deepEqual(shapes.embeddings, [4, 12]);
    assert.deepEqual(shapes['heads.2.wq'], [12, 5]);
    assert.deepEqual(shapes['heads.1.z'], [4, 5]);
    assert.deepEqual(shapes['heads.0.scaled'], [4, 4]);
    assert.deepEqual(shapes.wo, [15, 12]);
    assert.deepEqual(shapes.concat, [4, 15]);
    assert.deepEqual(shapes.output, [4, 12]);
    assert.equal(tensors[0].data, result.x.data, 'embeddings is X, positions added, not copied');
    assert.deepEqual(attentionTensors(result, (name) => name.endsWith('.v')).map((t) => t.name), ['heads.0.v', 'heads.1.v', 'heads.2.v']);
  });

  it('lets * match within one dot-separated part, and nothing else', () => {
    const yes: [string, string][] = [['heads.*.weights', 'heads.0.weights'], ['heads.*.weights', 'heads.12.weights'], ['*', 'output'], ['heads.1.*', 'heads.1.z'], ['heads.*.w*', 'heads.0.wv'], ['*put', 'output'], ['heads.*.*', 'heads.3.q']];
    const no: [string, string][] = [['heads.*', 'heads.0.weights'], ['*', 'heads.0.q'], ['heads.*.weights', 'heads.0.z'], ['heads.1.*', 'heads.10.z'], ['out', 'output'], ['heads.?.q', 'heads.1.q'], ['heads.0.q', 'heads.0.qq'], ['h.*', 'heads.0.q']];
    for (const [pattern, name] of yes) assert.ok(matchesTensorPattern(pattern, name), `${pattern} matches ${name}`);
    for (const [pattern, name] of no) assert.ok(!matchesTensorPattern(pattern, name), `${pattern} does not match ${name}`);
  });

  it('selects in file order, each name once, and names the first pattern that matches nothing', () => {
    const names = tensorNames(2);
    assert.deepEqual(selectTensorNames(names, parseTensorList('output, heads.*.weights,heads.1.weights')), ['heads.0.weights', 'heads.1.weights', 'output']);
    assert.throws(() => selectTensorNames(names, ['output', 'heads.2.q', 'nope']), (e: Error) => e instanceof TensorPatternError && /"heads\.2\.q" matches no tensor/.test(e.message));
    assert.throws(() => parseTensorList('a,,b'), /empty name in "a,,b"/);
    assert.throws(() => parseTensorList(''), TensorPatternError);
  });
});

describe('writing a file atomically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attention-explorer-atomic-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('writes every chunk, in order, and replaces a file that was there', async () => {
    const file = join(dir, 'a.safetensors');
    writeFileSync(file, 'old');
    assert.equal(await writeFileAtomically(file, [bytes(1, 2), bytes(), bytes(3)]), 3);
    assert.deepEqual([...readFileSync(file)], [1, 2, 3]);
    assert.deepEqual(readdirSync(dir), ['a.safetensors'], 'no temporary file left');
  });

  it('leaves no file, and the old one untouched, when the chunks fail half-way', async () => {
    const file = join(dir, 'b.safetensors');
    writeFileSync(file, 'old');
    function* failing() {
      yield bytes(1, 2, 3);
      throw new Error('out of memory, say');
    }
    await assert.rejects(writeFileAtomically(file, failing()), /out of memory, say/);
    assert.equal(readFileSync(file, 'utf8'), 'old');
    await assert.rejects(writeFileAtomically(join(dir, 'c.safetensors'), failing()), /out of memory/);
    assert.ok(!existsSync(join(dir, 'c.safetensors')));
    assert.deepEqual(readdirSync(dir).sort(), ['a.safetensors', 'b.safetensors'], 'no temporary file left');
  });

  it('fails with one line, and leaves nothing, when the file cannot be written', async () => {
    const folder = join(dir, 'folder.safetensors');
    mkdirSync(folder);
    await assert.rejects(writeFileAtomically(folder, [bytes(1)]), (e: Error) => e instanceof OutputError && /folder\.safetensors: it is a folder$/.test(e.message));
    await assert.rejects(writeFileAtomically(join(dir, 'missing', 'x.safetensors'), [bytes(1)]), (e: Error) => e instanceof OutputError && /no such folder/.test(e.message));
    assert.deepEqual(readdirSync(dir).sort(), ['a.safetensors', 'b.safetensors', 'folder.safetensors']);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('removes the temporary file and exits 130 when interrupted (SIGINT) half-way', async () => {
    const folder = mkdtempSync(join(dir, 'interrupted-'));
    const script = join(folder, '..', 'interrupted.ts');
    const module = new URL('../../src/cli/outputFile.ts', import.meta.url).pathname;
    // Chunks of one byte, a million of them: the write is still going when the signal comes.
    writeFileSync(script, `import { writeFileAtomically } from ${JSON.stringify(module)};
function* chunks() { for (let i = 0; i < 1e6; i++) { if (i === 10) process.stdout.write('writing\\n'); yield new Uint8Array(1); } }
void writeFileAtomically(${JSON.stringify(join(folder, 'x.safetensors'))}, chunks());
`);
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [firstOutput] = await once(child.stdout, 'data');
    assert.equal(String(firstOutput), 'writing\n');
    assert.equal(readdirSync(folder).length, 1, 'the temporary file is there while writing');
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 130);
    assert.deepEqual(readdirSync(folder), [], 'no file, no temporary file');
  });
});
