/**
 * A cap on the connections one client (IPv4 address or IPv6 /64) may hold open at once,
 * so that a single client opening sockets and never finishing its requests cannot use
 * up the server. Connections past the cap are closed as soon as they open.
 *
 * Connections from a trusted proxy (`uncapped`) are not counted: a reverse proxy or load
 * balancer carries every reader's requests, and capping it would refuse readers with
 * 502s as soon as more than `max` were being served at once. The proxy limits its own
 * clients.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientNetworkOf } from './client-id.js';

export function capConnectionsPerClient(
  server: Server,
  max: number,
  uncapped: (address: string) => boolean = () => false,
): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    if (socket.remoteAddress !== undefined && uncapped(socket.remoteAddress)) return;
    const client = clientNetworkOf(socket.remoteAddress);
    const count = (open.get(client) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left <= 0) open.delete(client);
      else open.set(client, left);
    });
  });
}
