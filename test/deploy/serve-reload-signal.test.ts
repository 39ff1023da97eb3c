import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startServe } from '../http/serve-process.js';
import { tempDir } from '../support/cli.js';

describe('serve under a service manager', () => {
  it('keeps serving after SIGHUP (systemctl reload), says the configuration needs a restart, and still stops cleanly on SIGTERM', async () => {
    const cwd = tempDir('ir-hup-');
    const serve = await startServe(cwd, { IR_DB: `${cwd}/incidents.db` });
    try {
      const logged = new Promise<void>((resolve) => {
        const check = () => { if (/the configuration is read at start only: restart serve to apply changes/.test(serve.output())) resolve(); };
        serve.child.stdout.on('data', check);
        serve.child.stderr.on('data', check);
      });
      serve.child.kill('SIGHUP');
      const ended = await Promise.race([logged.then(() => 'logged'), serve.exited().then((code) => `exited with ${code}`)]);
      assert.equal(ended, 'logged', serve.output());
      const ready = await fetch(`${serve.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
    } finally {
      assert.equal(await serve.stop('SIGTERM'), 0, serve.output());
    }
  });
});
