import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedCertificates, fetchSnsSigningCertificate } from './signing-certificates.js';

describe('signing certificates', () => {
  it('caches by URL for the TTL, shares one fetch, forgets failures and stays bounded', async () => {
    let now = 0;
    const calls: string[] = [];
    let fail = false;
    const fetcher = cachedCertificates(async (url) => {
      calls.push(url);
      if (fail) throw new Error('down');
      return `pem:${url}`;
    }, { ttlMs: 1000, maxEntries: 2, now: () => now });
    assert.deepEqual(await Promise.all([fetcher('a'), fetcher('a')]), ['pem:a', 'pem:a']);
    assert.deepEqual(calls, ['a']);
    now = 999;
    await fetcher('a');
    assert.equal(calls.length, 1);
    now = 1000;
    await fetcher('a');
    assert.equal(calls.length, 2);
    fail = true;
    await assert.rejects(fetcher('b'));
    fail = false;
    assert.equal(await fetcher('b'), 'pem:b');
    assert.equal(calls.filter((c) => c === 'b').length, 2);
    await fetcher('c');
    await fetcher('a'); // 'a' was evicted as the oldest entry
    assert.equal(calls.filter((c) => c === 'a').length, 3);
  });
  it('the production fetcher refuses anything but an https SNS .pem URL without connecting', async () => {
    for (const url of ['https://evil.example/x.pem', 'http://sns.us-east-1.amazonaws.com/x.pem', 'https://sns.us-east-1.amazonaws.com:8443/x.pem']) {
      await assert.rejects(fetchSnsSigningCertificate(url), /not an Amazon SNS signing certificate URL/);
    }
  });
});
