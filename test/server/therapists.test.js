import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { collectPages, expectError, startServer } from './helpers.js';

/** @type {import('./helpers.js').TestServer} */
let server;
before(async () => {
  server = await startServer();
});
after(() => server.close());

/**
 * @param {string} postalCode
 * @param {string} [extra] more query parameters
 */
const search = (postalCode, extra = '') =>
  server.getJson(`/therapists?postalCode=${encodeURIComponent(postalCode)}${extra}`);

describe('GET /therapists', () => {
  test('10001 finds New York therapists, nearest first, within 40 km', async () => {
    const { items, nextCursor } = await search('10001');
    assert.ok(items.length >= 3);
    assert.equal(nextCursor, null);
    for (const t of items) {
      assert.match(t.id, /^t-\d+$/);
      assert.ok(t.name && t.credentials && t.city && t.region);
      assert.equal(t.country, 'US');
      assert.match(t.phone, /^\+1 \d{3} 555 01\d{2}$/);
      assert.match(t.url, /^https:\/\/example\.org\//);
      assert.ok(Array.isArray(t.specialties) && t.specialties.length > 0);
      assert.equal(typeof t.distanceKm, 'number');
      assert.equal(Math.round(t.distanceKm * 10) / 10, t.distanceKm, 'one decimal');
      assert.ok(t.distanceKm <= 40);
      assert.ok(!('lat' in t) && !('lon' in t), 'coordinates are not served');
    }
    const distances = items.map((/** @type {any} */ t) => t.distanceKm);
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
    );
    assert.ok(items.some((/** @type {any} */ t) => t.city === 'New York'));
  });

  test('Canadian codes in any case, with or without the space', async () => {
    const ottawa = await search('K1A 0B1');
    assert.ok(ottawa.items.length >= 3);
    assert.ok(ottawa.items.every((/** @type {any} */ t) => t.country === 'CA'));
    assert.equal(ottawa.items[0].city, 'Ottawa');
    assert.deepEqual(await search('k1a0b1'), ottawa);
    assert.deepEqual(await search(' K1A 0B1 '), ottawa);
    const toronto = await search('M5V 2T6');
    assert.ok(toronto.items.length >= 2);
    assert.equal(toronto.items[0].city, 'Toronto');
  });

  test('90210 and ZIP+4 codes work', async () => {
    const beverly = await search('90210');
    assert.ok(beverly.items.length >= 2);
    assert.equal(beverly.items[0].region, 'CA');
    assert.deepEqual(await search('10001-1234'), await search('10001'));
  });

  test('valid codes with nobody nearby, or outside the table, give an empty list', async () => {
    assert.deepEqual(await search('99950'), { items: [], nextCursor: null });
    assert.deepEqual(await search('59001'), { items: [], nextCursor: null });
    assert.deepEqual(await search('X0A 0H0'), { items: [], nextCursor: null });
  });

  test('invalid or non-North-American postal codes are 422 with fields.postalCode', async () => {
    for (const code of [
      '',
      '1234',
      '123456',
      '12345-67',
      'ABCDE',
      'SW1A 1AA',
      'D1A 0B1',
      'K1A 0B',
      'K1A  0B1',
    ]) {
      const error = await expectError(
        await server.get(`/therapists?postalCode=${encodeURIComponent(code)}`),
        422,
        'validation_failed',
      );
      assert.deepEqual(Object.keys(error.fields), ['postalCode'], code);
    }
    const missing = await expectError(await server.get('/therapists'), 422, 'validation_failed');
    assert.ok(missing.fields.postalCode);
  });

  test('radius must be 1 to 500 km', async () => {
    for (const radius of ['0', '0.5', '501', '-5', 'abc', '', '1e2']) {
      const error = await expectError(
        await server.get(`/therapists?postalCode=10001&radius=${radius}`),
        422,
        'validation_failed',
      );
      assert.deepEqual(Object.keys(error.fields), ['radius'], radius);
    }
    const both = await expectError(
      await server.get('/therapists?postalCode=nope&radius=9999'),
      422,
      'validation_failed',
    );
    assert.deepEqual(Object.keys(both.fields).sort(), ['postalCode', 'radius']);
  });

  test('the radius filters by distance', async () => {
    const near = (await search('10001', '&radius=5')).items;
    const wide = (await search('10001', '&radius=500&limit=100')).items;
    const widest = wide.at(-1).distanceKm;
    assert.ok(near.length >= 1);
    assert.ok(near.every((/** @type {any} */ t) => t.distanceKm <= 5));
    assert.ok(wide.length > near.length);
    assert.ok(widest > 100 && widest <= 500, 'Boston and Philadelphia are in range');
    assert.deepEqual(
      near.map((/** @type {any} */ t) => t.id),
      wide.slice(0, near.length).map((/** @type {any} */ t) => t.id),
    );
  });

  test('pages with limit and cursor', async () => {
    const all = (await search('10001', '&radius=500&limit=100')).items;
    const { items, pages } = await collectPages(
      server,
      '/therapists?postalCode=10001&radius=500&limit=2',
    );
    assert.deepEqual(items, all);
    assert.equal(pages.length, Math.ceil(all.length / 2));
    const firstPage = await search('10001', '&radius=500&limit=2');
    assert.equal(firstPage.items.length, 2);
    for (const query of ['limit=0', 'limit=x', 'cursor=junk']) {
      await expectError(
        await server.get(`/therapists?postalCode=10001&${query}`),
        400,
        'bad_request',
      );
    }
  });
});
