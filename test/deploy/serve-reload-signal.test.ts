import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startServe } from '../http/serve-process.js';
import { tempDir } from '../support/cli.js';

describe('serve under a service manager', () => {
  it('keeps serving after SIGHUP (systemctl reload) without a configuration file, says there is none to reload, and still stops cleanly on SIGTERM', async () => {
    const cwd = tempDir('ir-hup-');
    const serve = await startServe(cwd, { IR_DB: `${cwd}/incidents.db` });
    try {
      const logged = new Promise<void>((resolve) => {
        const check = () => { if (/Cannot reload the configuration: serve was started without a configuration file/.test(serve.output())) resolve(); };
        serve.child.stdout.on('data', check);
        serve.child.stderr.on('data', check);
      });
      serve.child.kill('SIGHUP');
      // Bounded: a message that never comes fails the test instead of holding the run.
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<string>((resolve) => { timer = setTimeout(() => resolve('nothing logged within 30 s'), 30_000); });
      const ended = await Promise.race([logged.then(() => 'logged'), serve.exited().then((code) => `exited with ${code}`), silent]);
      clearTimeout(timer);
      assert.equal(ended, 'logged', serve.output());
      const ready = await fetch(`${serve.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
    } finally {
      assert.equal(await serve.stop('SIGTERM'), 0, serve.output());
    }
  });
});
