/** Our incremental SHA-256 and SHA-1 (src/common/hash) against published vectors and node:crypto. */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Sha1, gitBlobSha1 } from '../../src/common/hash/sha1';
import { Sha256 } from '../../src/common/hash/sha256';

const ascii = (text: string) => new TextEncoder().encode(text);
const million = new Uint8Array(1_000_000).fill(0x61); // one million "a"

/** FIPS 180-4 examples (NIST's "SHA_All.pdf") and the usual extra vectors. */
const VECTORS: readonly { input: Uint8Array; name: string; sha256: string; sha1: string }[] = [
  { name: '""', input: ascii(''), sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { name: '"abc"', input: ascii('abc'), sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
  {
    name: 'the 448-bit message',
    input: ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    sha256: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    sha1: '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
  },
  {
    name: 'the 896-bit message',
    input: ascii('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
    sha256: 'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    sha1: 'a49b2446a02c645bf419f995b67091253a04a259',
  },
  { name: 'one million "a"', input: million, sha256: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0', sha1: '34aa973cd4c4daa4f61eeb2bdbad27316534016f' },
];

/** Feeds `input` in pieces of the given sizes, cycling through them. */
function fed<H extends Sha1 | Sha256>(hash: H, input: Uint8Array, pieces: readonly number[]): H {
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = pieces[i % pieces.length];
    hash.update(input.subarray(at, at + size));
    at += size;
  }
  return hash;
}

describe('SHA-256 and SHA-1 (src/common/hash)', () => {
  for (const vector of VECTORS) {
    it(`hash ${vector.name} as the standard says`, () => {
      assert.equal(new Sha256().update(vector.input).hex(), vector.sha256);
      assert.equal(new Sha1().update(vector.input).hex(), vector.sha1);
    });
  }

  it('give the same digest however the input is split (pieces across and within blocks)', () => {
    const input = randomBytes(10_007);
    const whole256 = new Sha256().update(input).hex();
    const whole1 = new Sha1().update(input).hex();
    for (const pieces of [[1], [63], [64], [65], [1, 127, 3, 200], [4096]]) {
      assert.equal(fed(new Sha256(), input, pieces).hex(), whole256, `pieces ${pieces}`);
      assert.equal(fed(new Sha1(), input, pieces).hex(), whole1, `pieces ${pieces}`);
    }
  });

  it('match node:crypto on random data of every length around the padding boundaries, and larger', () => {
    const lengths = [...Array.from({ length: 140 }, (_, n) => n), 1000, 4095, 4096, 4097, 65_536 + 7, 1_048_583];
    for (const length of lengths) {
      const input = randomBytes(length);
      assert.equal(new Sha256().update(input).hex(), createHash('sha256').update(input).digest('hex'), `SHA-256 of ${length} bytes`);
      assert.equal(new Sha1().update(input).hex(), createHash('sha1').update(input).digest('hex'), `SHA-1 of ${length} bytes`);
    }
  });

  it('name a git blob as git does (sha1 of "blob <size>\\0" + bytes)', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    assert.equal(gitBlobSha1(6).update(ascii('hello\n')).hex(), 'ce013625030ba8dba906f756967f9e9ca394464a');
    assert.equal(gitBlobSha1(0).hex(), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'); // the empty blob
  });

  it('refuse to be used after digest()', () => {
    const hash = new Sha256().update(ascii('abc'));
    hash.digest();
    assert.throws(() => hash.update(ascii('d')));
    assert.throws(() => hash.digest());
  });
});
