/** A real ContentClient whose requests are recorded (and never answered from the browser's HTTP cache). */
import { ContentClient, type ClientOptions } from '../../src/core/content-client.js';

export function recordingClient(options: ClientOptions = {}) {
  const requests: string[] = [];
  const client = new ContentClient({
    ...options,
    fetch: (input, init) => {
      requests.push(new URL(String(input)).pathname);
      return fetch(input, { ...init, cache: 'no-store' });
    },
  });
  return { client, requests };
}
