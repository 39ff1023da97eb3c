import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeSecretSource } from './node-secret-source.js';

describe('node secret source', () => {
  it('hands out random values of the asked length, never the same bytes twice across pool refills', () => {
    const seen = new Set<string>();
    // 9-byte ids across several refills of the 4 KiB pool, with odd sizes in between to misalign it.
    for (let i = 0; i < 5000; i++) {
      const id = nodeSecretSource.randomBase64Url(9);
      assert.equal(Buffer.from(id, 'base64url').length, 9);
      assert.equal(seen.has(id), false, `id ${id} handed out twice`);
      seen.add(id);
      if (i % 97 === 0) assert.equal(Buffer.from(nodeSecretSource.randomBase64Url(i % 7 === 0 ? 2048 : 32), 'base64url').length, i % 7 === 0 ? 2048 : 32);
    }
    // A run of zero bytes would show a pool handed out after being wiped and before being refilled.
    const zeros = [...seen].filter((id) => Buffer.from(id, 'base64url').every((b) => b === 0));
    assert.deepEqual(zeros, []);
  });

  it('hashes with SHA-256', () => {
    assert.equal(nodeSecretSource.sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
