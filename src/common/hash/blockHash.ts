/**
 * What SHA-1 and SHA-256 share: 64-byte blocks, fed incrementally (a 400 MB weights file is hashed
 * as it streams, never held whole), and the same padding (0x80, zeros, the length in bits as a
 * big-endian 64-bit number). Web Crypto only hashes a whole buffer at once, hence our own.
 */
export abstract class BlockHash {
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private totalBytes = 0;
  private finished = false;

  /** Feeds more bytes; returns this, so calls chain. */
  update(data: Uint8Array): this {
    if (this.finished) throw new Error('update() after digest()');
    this.totalBytes += data.length;
    let at = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      at = take;
      if (this.pendingLength < 64) return this;
      this.compress(this.pending, 0);
      this.pendingLength = 0;
    }
    // Whole blocks straight from the input, without copying them.
    for (; at + 64 <= data.length; at += 64) this.compress(data, at);
    this.pending.set(data.subarray(at), 0);
    this.pendingLength = data.length - at;
    return this;
  }

  /** The hash of everything fed; the object is finished after it. */
  digest(): Uint8Array {
    if (this.finished) throw new Error('digest() called twice');
    const bits = this.totalBytes * 8; // exact: a number holds whole numbers up to 2^53
    const tail = new Uint8Array(this.pendingLength < 56 ? 64 : 128);
    tail.set(this.pending.subarray(0, this.pendingLength));
    tail[this.pendingLength] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(tail.length - 4, bits >>> 0);
    for (let at = 0; at < tail.length; at += 64) this.compress(tail, at);
    this.finished = true;
    return this.stateBytes();
  }

  /** digest() as lowercase hex. */
  hex(): string {
    return toHex(this.digest());
  }

  /** Mixes the 64 bytes at `offset` into the state. */
  protected abstract compress(block: Uint8Array, offset: number): void;
  /** The state, big-endian, as the digest. */
  protected abstract stateBytes(): Uint8Array;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** The words of `state` as big-endian bytes. */
export function bigEndianBytes(state: Int32Array): Uint8Array {
  const out = new Uint8Array(state.length * 4);
  const view = new DataView(out.buffer);
  state.forEach((word, i) => view.setInt32(i * 4, word));
  return out;
}

/** The big-endian 32-bit word at `at`. */
export const readWord = (bytes: Uint8Array, at: number): number => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
