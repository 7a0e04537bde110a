/**
 * SHA-1 (FIPS 180-4), incremental: git names a blob by the SHA-1 of "blob <size>\0" and its bytes,
 * and the Hugging Face hub sends that name as the ETag of every file not stored in LFS. Used only
 * to check a download arrived whole, not for security (SHA-256 guards the large files).
 */
import { BlockHash, bigEndianBytes, readWord } from './blockHash';

export class Sha1 extends BlockHash {
  private readonly state = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  private readonly w = new Int32Array(80);

  protected compress(block: Uint8Array, offset: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) w[i] = readWord(block, offset + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    const s = this.state;
    let a = s[0], b = s[1], c = s[2], d = s[3], e = s[4];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    s[0] = (s[0] + a) | 0;
    s[1] = (s[1] + b) | 0;
    s[2] = (s[2] + c) | 0;
    s[3] = (s[3] + d) | 0;
    s[4] = (s[4] + e) | 0;
  }

  protected stateBytes(): Uint8Array {
    return bigEndianBytes(this.state);
  }
}

/** A hash fed a git blob's bytes: it starts with the blob header, which needs the size first. */
export function gitBlobSha1(size: number): Sha1 {
  return new Sha1().update(new TextEncoder().encode(`blob ${size}\0`));
}
