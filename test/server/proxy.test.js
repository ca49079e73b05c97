/**
 * The service behind a reverse proxy or load balancer (docs/deploying.md): readers are
 * told apart by the X-Forwarded-For of a trusted proxy, also when the proxy is given as a
 * hop count, and the proxy's own connections — which carry every reader's requests — are
 * not capped as if the proxy were one greedy client.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { DEFAULT_RATE_LIMIT } from '../../server/build/server/service.js';
import { ARTICLE, loopbackAliasesWork, request, start, startDemo } from './helpers.js';

const needsAliases = {
  skip: (await loopbackAliasesWork()) ? false : 'this host cannot use 127.0.0.x aliases',
};

/** POSTs a comment to the command's service as if a proxy forwarded it for `forwardedFor`. */
function postVia(origin, forwardedFor, n) {
  return request(origin, {
    method: 'POST',
    path: `/api/v1/articles/${ARTICLE}/comments`,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ title: 'Proxied', body: `Post ${n} through a proxy.` }),
  });
}

describe('--trust-proxy with a hop count', () => {
  test('readers behind the nearest proxy are told apart; what they claim beyond it is not believed', async () => {
    const { max } = DEFAULT_RATE_LIMIT;
    const service = await startDemo({
      args: ['--db', ':memory:', '--no-demo', '--moderation', 'off', '--trust-proxy', '1'],
    });
    try {
      // More readers than one client's budget, each with their own address: all served.
      for (let n = 0; n <= max; n++) {
        const answer = await postVia(service.origin, `203.0.113.${n + 1}`, n);
        assert.equal(answer.status, 201, `reader ${n}: ${answer.text}`);
      }
      // One reader who prepends a different address each time is still one reader: the
      // proxy's own entry (the last) is the one believed.
      const statuses = [];
      for (let n = 0; n <= max; n++) {
        const answer = await postVia(service.origin, `198.51.100.${n + 1}, 192.0.2.50`, n);
        statuses.push(answer.status);
      }
      assert.deepEqual(statuses, [...new Array(max).fill(201), 429]);
    } finally {
      await service.close();
    }
  });
});

describe('connections from a trusted proxy', () => {
  /**
   * Opens `count` connections from `localAddress` at once, each asking for /healthz on a
   * kept-alive connection, and resolves with the first line of each answer ('closed'
   * when the server closed the connection without one).
   */
  async function openMany(origin, localAddress, count) {
    const { hostname, port } = new URL(origin);
    /** @type {net.Socket[]} */
    const sockets = [];
    try {
      return await Promise.all(
        Array.from(
          { length: count },
          () =>
            new Promise((resolve) => {
              const socket = net.connect({ host: hostname, port: Number(port), localAddress });
              sockets.push(socket);
              let text = '';
              const timer = setTimeout(() => resolve('no answer'), 8_000);
              socket.setEncoding('latin1');
              socket.on('error', () => {});
              socket.once('connect', () =>
                socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
              );
              socket.on('data', (chunk) => {
                text += chunk;
                if (text.includes('\r\n\r\n')) {
                  clearTimeout(timer);
                  resolve(text.slice(0, 12));
                }
              });
              socket.once('close', () => {
                clearTimeout(timer);
                resolve(text ? text.slice(0, 12) : 'closed');
              });
            }),
        ),
      );
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }

  test('are not capped as one client; everyone else still is', needsAliases, async () => {
    const proxy = '127.0.0.21';
    const server = await start({
      keepAliveTimeoutMs: 60_000,
      maxConnectionsPerClient: 4,
      trustProxy: [proxy],
    });
    try {
      const viaProxy = await openMany(server.origin, proxy, 12);
      assert.deepEqual(viaProxy, new Array(12).fill('HTTP/1.1 200'));
      const direct = await openMany(server.origin, '127.0.0.22', 12);
      assert.equal(direct.filter((a) => a === 'HTTP/1.1 200').length, 4, direct.join(','));
      assert.equal(direct.filter((a) => a === 'closed').length, 8, direct.join(','));
    } finally {
      await server.close();
    }
  });
});
