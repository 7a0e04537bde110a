/** Large typed arrays cut into chunks for the webview and put back together on the page. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkAssembler, splitMessage } from '../../src/common/protocol/chunks';

const random = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);

describe('chunked messages', () => {
  it('leave small messages as they are', () => {
    const message = { type: 'analysis', view: { weights: [random(10)] } };
    const { chunks, message: sent } = splitMessage(message, 64);
    assert.equal([...chunks].length, 0);
    assert.equal(sent, message);
  });

  it('cut each large array into slices of at most the chunk size, each on its own buffer, and put them back exactly', () => {
    const weights = [random(1000), random(333), random(8)];
    const message = { type: 'analysis', analysisId: 3, view: { text: '我', weights }, notes: [] };
    const split = splitMessage(message, 400, 0);
    const sent = split.message;
    const chunks = [...split.chunks];
    assert.ok(chunks.every((c) => c.data.byteLength <= 400 && c.data.byteOffset === 0 && c.data.buffer.byteLength === c.data.byteLength), 'no chunk carries more than its own bytes');
    assert.equal(chunks.length, Math.ceil(1000 / 100) + Math.ceil(333 / 100));
    assert.ok(JSON.stringify(sent).length < 400, 'the message itself is small');
    const page = new ChunkAssembler();
    // Through a structured clone, as a postMessage delivers them.
    for (const chunk of chunks) assert.equal(page.accept(structuredClone(chunk)), true);
    assert.equal(page.accept(structuredClone(sent)), false);
    assert.deepEqual(page.assemble(structuredClone(sent)), message);
  });

  it('post an array that owns its buffer whole, without copying it, up to the whole-array size; a view or a longer one in slices', () => {
    const owned = random(1000);
    const view = random(3000).subarray(1000, 2000);
    const longer = random(2000);
    const message = { owned, view, longer };
    const split = splitMessage(message, 400, 4000);
    const chunks = [...split.chunks];
    const ofId = (id: number) => chunks.filter((c) => c.id === id);
    assert.equal(ofId(0).length, 1);
    assert.equal(ofId(0)[0].data, owned, 'the array itself: no copy');
    assert.equal(ofId(1).length, 10, 'a view is sliced: VS Code would post its whole buffer');
    assert.equal(ofId(2).length, 20, 'longer than the whole-array size');
    const page = new ChunkAssembler();
    for (const chunk of chunks) page.accept(chunk);
    const assembled = page.assemble(split.message) as typeof message;
    assert.equal(assembled.owned, owned, 'one piece that is the whole array is used as it is');
    assert.deepEqual(assembled, message);
  });

  it('copy only what leads to a large array: the rest of the message is passed as it is, and the original is left unchanged', () => {
    const tokens = Array.from({ length: 3000 }, (_, i) => ({ text: `w${i}`, start: 3 * i, end: 3 * i + 2 }));
    const weights = [random(1000), random(8)];
    const message = { type: 'analysis', view: { tokens, weights, config: { heads: 2 } }, notes: [{ title: '注意力' }] };
    const sent = splitMessage(message, 400).message;
    assert.notEqual(sent, message);
    assert.notEqual(sent.view, message.view);
    assert.notEqual(sent.view.weights, weights);
    assert.equal(sent.view.tokens, tokens, 'the tokens are not copied');
    assert.equal(sent.view.config, message.view.config);
    assert.equal(sent.notes, message.notes);
    assert.equal(sent.view.weights[1], weights[1], 'a small array stays in the message');
    assert.equal(message.view.weights[0], weights[0], 'the original message still has its array');
    assert.ok(!(sent.view.weights[0] instanceof Float32Array));
  });

  it('leave a placeholder in place (so the parser refuses the message) when a chunk is missing or forged', () => {
    const message = { weights: [random(1000)] };
    const split = splitMessage(message, 400, 0);
    const sent = split.message;
    const chunks = [...split.chunks];
    const missing = new ChunkAssembler();
    chunks.slice(1).forEach((c) => missing.accept(c));
    assert.ok(!((missing.assemble(sent) as typeof message).weights[0] instanceof Float32Array));
    const forged = new ChunkAssembler();
    chunks.forEach((c) => forged.accept({ ...c, data: Float64Array.from(c.data) }));
    assert.ok(!((forged.assemble(sent) as typeof message).weights[0] instanceof Float32Array), 'float64 pieces for a float32 array');
    const overlapping = new ChunkAssembler();
    [...chunks, chunks[0]].forEach((c) => overlapping.accept(c));
    assert.ok(!((overlapping.assemble(sent) as typeof message).weights[0] instanceof Float32Array), 'a piece twice');
  });
});
