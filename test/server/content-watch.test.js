/**
 * Reloading: a change to the folder is picked up; a bad edit keeps the last good content
 * and reports what is wrong; reload() (SIGHUP) loads on demand.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { MINIMAL, contentFolder, loadContent, watchContent } from './content-helpers.js';

/**
 * A watcher whose events can be awaited one at a time.
 *
 * @param {string} dir
 * @param {import('../../server/build/server/content/index.js').ContentSnapshot} initial
 */
function watched(dir, initial) {
  /** @type {Array<{ kind: 'change', snapshot: any } | { kind: 'error', problems: any[] }>} */
  const events = [];
  /** @type {Array<() => void>} */
  const waiting = [];
  const push = (/** @type {(typeof events)[number]} */ event) => {
    events.push(event);
    waiting.shift()?.();
  };
  const watcher = watchContent(
    dir,
    {
      onChange: (snapshot) => push({ kind: 'change', snapshot }),
      onError: (problems) => push({ kind: 'error', problems }),
    },
    { initial, debounceMs: 50 },
  );
  return {
    watcher,
    /** The next reload's outcome. */
    next: () =>
      new Promise((resolve) => {
        if (events.length > 0) resolve(events.shift());
        else waiting.push(() => resolve(events.shift()));
      }),
  };
}

describe('reloading the content folder', () => {
  /** @type {Awaited<ReturnType<typeof contentFolder>>} */
  let folder;
  /** @type {ReturnType<typeof watched>} */
  let w;
  beforeEach(async () => {
    folder = await contentFolder(MINIMAL);
    const first = await loadContent(folder.dir);
    assert.ok(first.ok);
    w = watched(folder.dir, first.content);
    await w.watcher.ready;
  });
  afterEach(async () => {
    await w.watcher.close();
    await folder.remove();
  });

  test('a changed file is picked up', async () => {
    await folder.write(
      'articles/breathing.md',
      MINIMAL['articles/breathing.md'].replace('title: Breathing', 'title: Breathing Slowly'),
    );
    const event = await w.next();
    assert.equal(event.kind, 'change');
    assert.equal(event.snapshot.articles.get('breathing').title, 'Breathing Slowly');
    assert.equal(w.watcher.current(), event.snapshot);
  });

  test('a new file is picked up', async () => {
    await folder.write(
      'articles/rest.md',
      ['---', 'title: Rest', 'url: https://example.org/rest/', '---', 'Rest.'].join('\n'),
    );
    const event = await w.next();
    assert.equal(event.kind, 'change');
    assert.deepEqual([...event.snapshot.articles.keys()], ['breathing', 'rest']);
  });

  test('a bad edit keeps the last good content and reports the problem; fixing it loads again', async () => {
    const good = w.watcher.current();
    await folder.write('site.yaml', 'name: Test Site\nurl: ftp://example.org/\n');
    const bad = await w.next();
    assert.equal(bad.kind, 'error');
    assert.deepEqual(bad.problems, [
      {
        file: 'site.yaml',
        line: 2,
        message: 'url "ftp://example.org/" is not an absolute http(s) URL',
      },
    ]);
    assert.equal(w.watcher.current(), good, 'the last good snapshot is still served');
    assert.equal(w.watcher.current()?.site.url, 'https://example.org/');

    await folder.write('site.yaml', 'name: Test Site\nurl: https://example.org/new/\n');
    const fixed = await w.next();
    assert.equal(fixed.kind, 'change');
    assert.equal(w.watcher.current()?.site.url, 'https://example.org/new/');
  });

  test('reload() loads on demand (SIGHUP) and reports the outcome', async () => {
    const result = await w.watcher.reload();
    assert.ok(result.ok);
    const event = await w.next();
    assert.equal(event.kind, 'change');
    assert.equal(event.snapshot, result.content);
  });

  test('reloads asked for during a load share one more load after it', async () => {
    const results = await Promise.all([w.watcher.reload(), w.watcher.reload(), w.watcher.reload()]);
    assert.ok(results.every((r) => r.ok));
    assert.notEqual(results[0], results[1], 'the second request gets a fresh load');
    assert.equal(results[1], results[2], 'the later requests share it');
    assert.equal((await w.next()).kind, 'change');
    assert.equal((await w.next()).kind, 'change');
  });
});
