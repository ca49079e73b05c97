/**
 * Client keys: the same poster gets the same key, different posters different keys,
 * the address never appears in a key, and a secret rotation keeps the previous key
 * matchable for one period.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientKeys, memorySecretSource } from '../../server/build/server/moderation/index.js';

const DAY = 86_400_000;

/** A source whose secrets are fixed per epoch, shared by two "instances" (like the store). */
function sharedSource() {
  const secrets = new Map();
  const asked = [];
  return {
    asked,
    async secret(epoch) {
      asked.push(epoch);
      if (!secrets.has(epoch)) secrets.set(epoch, Buffer.alloc(32, epoch % 256));
      return secrets.get(epoch);
    },
  };
}

function clock(start) {
  const c = { now: start };
  return { c, now: () => c.now };
}

describe('client keys', () => {
  test('the same address gets the same key; another address another key', async () => {
    const keys = new ClientKeys({ source: memorySecretSource() });
    const a = await keys.key('192.0.2.10');
    assert.equal(a, await keys.key('192.0.2.10'));
    assert.notEqual(a, await keys.key('192.0.2.11'));
    assert.match(a, /^[0-9a-f]{32}$/);
  });

  test('a key is a hash that only the secret links to the address', async () => {
    const one = new ClientKeys({ source: memorySecretSource() });
    const other = new ClientKeys({ source: memorySecretSource() });
    for (const address of ['192.0.2.10', '2001:db8:85a3::8a2e:370:7334', 'unix-socket']) {
      const set = await one.keys(address);
      for (const key of set.all) {
        assert.match(key, /^[0-9a-f]{32}$/);
        assert.ok(!key.includes(address));
      }
      // Without the secret, the same address gives an unrelated key.
      assert.notEqual((await other.keys(address)).current, set.current);
    }
  });

  test('IPv6 addresses are keyed by their /64; IPv4-mapped IPv6 is the IPv4 address', async () => {
    const keys = new ClientKeys({ source: memorySecretSource() });
    const a = await keys.key('2001:db8:85a3:12::1');
    assert.equal(a, await keys.key('2001:0db8:85a3:0012:ffff:eeee:dddd:cccc'));
    assert.equal(a, await keys.key('2001:DB8:85A3:12:0:0:0:2'));
    assert.equal(a, await keys.key('2001:db8:85a3:12::1%eth0'));
    assert.notEqual(a, await keys.key('2001:db8:85a3:13::1'));
    assert.equal(await keys.key('::ffff:192.0.2.10'), await keys.key('192.0.2.10'));
    assert.equal(await keys.key('::ffff:c000:020a'), await keys.key('192.0.2.10'));
  });

  test('two instances sharing the secret source compute the same keys', async () => {
    const source = sharedSource();
    const { now } = clock(10 * DAY);
    const one = new ClientKeys({ source, rotationMs: DAY, now });
    const two = new ClientKeys({ source, rotationMs: DAY, now });
    assert.deepEqual(await one.keys('198.51.100.7'), await two.keys('198.51.100.7'));
  });

  test('after a rotation the old key is still matched (as previous) for one period, then not', async () => {
    const source = sharedSource();
    const { c, now } = clock(10 * DAY + 5);
    const keys = new ClientKeys({ source, rotationMs: DAY, now });
    const before = await keys.keys('198.51.100.7');
    assert.notEqual(before.current, before.previous);
    assert.deepEqual(before.all, [before.current, before.previous]);

    c.now += DAY; // the next period: a block recorded under `before.current` still matches
    const after = await keys.keys('198.51.100.7');
    assert.equal(after.previous, before.current);
    assert.notEqual(after.current, before.current);

    c.now += DAY; // two periods on: the old key matches nothing new
    const later = await keys.keys('198.51.100.7');
    assert.ok(!later.all.includes(before.current));
  });

  test('secrets are cached: the source is asked once per period', async () => {
    const source = sharedSource();
    const keys = new ClientKeys({ source, rotationMs: DAY, now: () => 3 * DAY });
    await keys.keys('192.0.2.1');
    await keys.keys('192.0.2.2');
    await keys.key('192.0.2.3');
    assert.deepEqual(source.asked.sort(), [2, 3]);
  });

  test('a short secret or a failing source is an error, and a failure is asked again', async () => {
    const short = new ClientKeys({ source: { secret: async () => Buffer.alloc(8) } });
    await assert.rejects(short.key('192.0.2.1'), /at least 16 bytes/);
    let fail = true;
    const flaky = new ClientKeys({
      source: {
        secret: async () => {
          if (fail) throw new Error('store down');
          return Buffer.alloc(32, 1);
        },
      },
    });
    await assert.rejects(flaky.key('192.0.2.1'), /store down/);
    fail = false;
    assert.match(await flaky.key('192.0.2.1'), /^[0-9a-f]{32}$/);
    assert.throws(
      () => new ClientKeys({ source: memorySecretSource(), rotationMs: 10 }),
      RangeError,
    );
  });

  test('the memory source forgets periods older than the previous one', async () => {
    const source = memorySecretSource();
    const first = await source.secret(1);
    await source.secret(2);
    await source.secret(3);
    assert.notDeepEqual(await source.secret(1), first);
  });
});
