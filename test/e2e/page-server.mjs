// A partner page server for end-to-end tests: the reference Content API on the same
// origin (/api/v1), the built files (/dist/), and test pages (/pages/) served with the
// response headers a test asks for (e.g. a strict Content-Security-Policy).
import http from 'node:http';
import { join } from 'node:path';
import { createReferenceApi } from '../../scripts/reference-server.mjs';
import { createStaticHandler } from '../../demo/server/static.js';
import { root } from './helpers.mjs';

/**
 * @param {{ headers?: Record<string, string>, api?: object }} [options]
 *   headers: added to every /pages/ response; api: the reference API's options.
 */
export async function startPageServer({ headers = {}, api: apiOptions = {} } = {}) {
  const api = createReferenceApi({ forTests: true, ...apiOptions });
  const files = createStaticHandler({ root, mounts: ['/dist/'] });
  const pages = createStaticHandler({ root: join(root, 'test/e2e'), mounts: ['/pages/'] });
  const server = http.createServer(async (req, res) => {
    try {
      if (await api.handle(req, res)) return;
      if (await files(req, res)) return;
      if (req.url?.startsWith('/pages/')) {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        if (await pages(req, res)) return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    api,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          api.close();
          resolve();
        });
      }),
  };
}
