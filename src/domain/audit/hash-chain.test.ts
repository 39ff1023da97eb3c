import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { chainPayload, ChainVerifier, GENESIS_HASH, type ChainRecord } from './index.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(n: number): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const r = { seq, incidentId: `INC-2026-1128-00${1 + (seq % 3)}`, version: seq, kind: 'note-added', at: 1000 * seq, actor: 'a', dataJson: `{"text":"${seq}"}`, prevHash: prev };
    const hash = sha(chainPayload(r));
    out.push({ ...r, hash });
    prev = hash;
  }
  return out;
}

describe('hash chain verification', () => {
  it('accepts an intact chain, also fed page by page', () => {
    const rows = chain(10);
    const v = new ChainVerifier(sha);
    assert.equal(v.check(rows.slice(0, 4)), undefined);
    assert.equal(v.check(rows.slice(4)), undefined);
    assert.equal(v.count, 10);
    assert.equal(v.lastHash, rows[9]!.hash);
  });
  it('names the first edited row', () => {
    const rows = chain(6);
    rows[3] = { ...rows[3]!, dataJson: '{"text":"edited"}' };
    const b = new ChainVerifier(sha).check(rows);
    assert.deepEqual([b?.seq, b?.reason, b?.incidentId], [4, 'edited', rows[3]!.incidentId]);
  });
  it('names a deleted row', () => {
    const rows = chain(6);
    rows.splice(2, 1);
    const b = new ChainVerifier(sha).check(rows);
    assert.deepEqual([b?.seq, b?.reason], [3, 'missing']);
  });
  it('names reordered rows', () => {
    const rows = chain(6);
    const a = rows[2]!;
    const c = rows[3]!;
    rows[2] = { ...c, seq: 3 };
    rows[3] = { ...a, seq: 4 };
    const b = new ChainVerifier(sha).check(rows);
    assert.deepEqual([b?.seq, b?.reason], [3, 'broken-link']);
  });
  it('a row rehashed after editing still breaks the link of the next row', () => {
    const rows = chain(5);
    const edited = { ...rows[1]!, dataJson: '{"text":"x"}' };
    const { hash: _old, ...rest } = edited;
    rows[1] = { ...rest, hash: sha(chainPayload(rest)) };
    const b = new ChainVerifier(sha).check(rows);
    assert.deepEqual([b?.seq, b?.reason], [3, 'broken-link']);
  });
});
