// Static servers for the benchmarks, each in a process of its own (see serve-child.mjs).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Serves `folder` from a child process (see serve-child.mjs); resolves to
 * `{ url, origin, close() }`. `options.brotli`: send files brotli-compressed.
 */
export function serveInChild(folder, options = {}) {
  const args = [fileURLToPath(new URL('./serve-child.mjs', import.meta.url)), folder];
  if (options.brotli) args.push('--brotli');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server for ${folder} exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n')) {
        const { url, origin } = JSON.parse(line);
        resolve({
          url,
          origin,
          close: () =>
            new Promise((done) => {
              child.removeAllListeners('exit');
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
