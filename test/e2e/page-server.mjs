// A partner page server for end-to-end tests: the Content API service on the same
// origin (/api/v1), the built files (/dist/), and test pages (/pages/) served with the
// response headers a test asks for (e.g. a strict Content-Security-Policy).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startReferenceServer } from '../../scripts/reference-server.mjs';
import { root } from './helpers.mjs';

const PAGE_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const PAGES = join(root, 'test/e2e/pages');

/**
 * @param {{ headers?: Record<string, string>, api?: import('../../server/build/server/service.js').ServiceOptions }} [options]
 *   headers: added to every /pages/ response; api: more startService options.
 */
export async function startPageServer({ headers = {}, api: apiOptions = {} } = {}) {
  const service = await startReferenceServer({
    forTests: true,
    staticFiles: { root, allow: ['dist/'] },
    ...apiOptions,
    extend(app) {
      app.get('/pages/:file', async (request, reply) => {
        const { file } = /** @type {{ file: string }} */ (request.params);
        const type = PAGE_TYPES[/** @type {'.html'} */ (file.slice(file.lastIndexOf('.')))];
        if (!/^[\w-]+\.\w+$/.test(file) || !type) return reply.code(404).send('Not found');
        const text = await readFile(join(PAGES, file), 'utf8').catch(() => null);
        if (text === null) return reply.code(404).send('Not found');
        return reply.headers(headers).type(type).send(text);
      });
    },
  });
  return { origin: service.url, api: service.testing, close: () => service.close() };
}
