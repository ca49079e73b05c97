/**
 * The rules engine: which comments are published, held (with every reason that
 * applied) or kept as spam, with the history a store would answer from.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_MODERATION,
  SafetyMatcher,
  bodyFingerprint,
  countLinks,
  evaluate,
  evaluateReports,
  eventFor,
} from '../../server/build/server/moderation/index.js';

const SAFETY = new SafetyMatcher([
  {
    language: 'en',
    file: 'safety/en.txt',
    phrases: ['want to die', 'kill myself'],
    exceptions: ['killed myself laughing'],
  },
  { language: 'es', file: 'safety/es.txt', phrases: ['suicidarme'], exceptions: [] },
]);

const NOW = Date.UTC(2026, 0, 15, 12);

/**
 * A history like the store's: earlier comments as { client, fingerprint, created, published }.
 * Records the questions asked, so tests can see when the store is left alone.
 */
function history(comments = []) {
  const asked = [];
  return {
    asked,
    async publishedCount(clients) {
      asked.push('publishedCount');
      return comments.filter((c) => clients.includes(c.client) && c.published).length;
    },
    async sameBodyCount(fingerprint, clients, since) {
      asked.push('sameBodyCount');
      return comments.filter(
        (c) => c.fingerprint === fingerprint && clients.includes(c.client) && c.created >= since,
      ).length;
    },
    async otherClientsWithBody(fingerprint, clients, since) {
      asked.push('otherClientsWithBody');
      const others = comments.filter(
        (c) => c.fingerprint === fingerprint && !clients.includes(c.client) && c.created >= since,
      );
      return new Set(others.map((c) => c.client)).size;
    },
  };
}

const comment = (body, extra = {}) => ({
  article: 'coping',
  title: '',
  author: 'Sam',
  body,
  ...extra,
});
const context = (extra = {}) => ({
  clients: ['k-now', 'k-before'],
  now: NOW,
  history: history(),
  safety: SAFETY,
  submission: { honeypot: '', formAgeMs: 20_000 },
  ...extra,
});
const settings = (extra = {}) => ({ ...DEFAULT_MODERATION, ...extra });

describe('evaluate', () => {
  test('an ordinary comment is published with no reasons', async () => {
    const d = await evaluate(comment('Thank you, this helped.'), context(), settings());
    assert.equal(d.status, 'published');
    assert.deepEqual(d.reasons, []);
    assert.equal(d.fingerprint, bodyFingerprint('thank you this helped'));
  });

  test('hold-all holds everything, with the reason hold-all', async () => {
    const d = await evaluate(comment('Thank you.'), context(), settings({ mode: 'hold-all' }));
    assert.deepEqual([d.status, d.reasons], ['pending', ['hold-all']]);
  });

  test('a safety match is always held, in rules mode, in hold-all mode, and even as spam', async () => {
    const text = 'Some days I want to DIE.';
    const rules = await evaluate(comment(text), context(), settings());
    assert.deepEqual([rules.status, rules.reasons], ['pending', ['safety']]);
    assert.deepEqual(rules.safety, [{ phrase: 'want to die', list: 'en' }]);
    assert.equal(eventFor(rules), 'comment.safety');

    const holdAll = await evaluate(comment(text), context(), settings({ mode: 'hold-all' }));
    assert.deepEqual([holdAll.status, holdAll.reasons], ['pending', ['safety', 'hold-all']]);
    assert.equal(eventFor(holdAll), 'comment.safety');

    // A person who filled the form quickly (or whose browser filled the hidden field)
    // is still seen by a person.
    const fast = await evaluate(
      comment('quiero suicidarme'),
      context({ submission: { honeypot: 'x', formAgeMs: 100 } }),
      settings(),
    );
    assert.deepEqual([fast.status, fast.reasons], ['pending', ['safety', 'honeypot', 'too-fast']]);
  });

  test('a safety phrase in the title counts; an everyday phrase does not', async () => {
    const title = await evaluate(
      comment('...', { title: 'I want to kill myself' }),
      context(),
      settings(),
    );
    assert.deepEqual(title.reasons, ['safety']);
    const everyday = await evaluate(comment('I killed myself laughing'), context(), settings());
    assert.deepEqual(everyday.reasons, []);
  });

  test('more than maxLinks links is held; maxLinks itself is not', async () => {
    const two = 'See https://a.example/x and www.b.example';
    const three = `${two} and http://c.example`;
    assert.equal((await evaluate(comment(two), context(), settings())).status, 'published');
    const held = await evaluate(comment(three), context(), settings());
    assert.deepEqual([held.status, held.reasons, held.links], ['pending', ['links'], 3]);
    const none = await evaluate(
      comment('one https://a.example'),
      context(),
      settings({ maxLinks: 0 }),
    );
    assert.deepEqual(none.reasons, ['links']);
  });

  test('counting links: a URL with www in it counts once; links in the title and name count', () => {
    assert.equal(countLinks('https://www.example.org/a?b=c'), 1);
    assert.equal(countLinks('no links, just www and http words'), 0);
    assert.equal(countLinks('https://x.example', 'www.y.example', 'text'), 2);
  });

  test('restricted words and phrases hold, matched on whole words without case or accents', async () => {
    const s = settings({ restricted: ['casino', 'cheap pills'] });
    const held = await evaluate(comment('Best CASINO bonus'), context(), s);
    assert.deepEqual([held.status, held.reasons], ['pending', ['restricted']]);
    assert.deepEqual(held.restricted, [{ phrase: 'casino', list: 'restricted' }]);
    assert.deepEqual((await evaluate(comment('Cheap   pills!'), context(), s)).reasons, [
      'restricted',
    ]);
    assert.deepEqual(
      (await evaluate(comment('casinos and cheapskates'), context(), s)).reasons,
      [],
    );
  });

  test('a first-time poster is held only when holdFirstTime is on; keys under the previous secret count', async () => {
    const s = settings({ holdFirstTime: true });
    const newcomer = await evaluate(comment('Hello'), context(), s);
    assert.deepEqual(newcomer.reasons, ['first-time']);
    const regular = context({
      history: history([{ client: 'k-before', fingerprint: 'f', created: 0, published: true }]),
    });
    assert.deepEqual((await evaluate(comment('Hello'), regular, s)).reasons, []);
    const off = context();
    assert.deepEqual((await evaluate(comment('Hello'), off, settings())).reasons, []);
    assert.ok(!off.history.asked.includes('publishedCount'), 'the store is not asked');
  });

  test('the same text from the same poster within the window is a duplicate; outside it is not', async () => {
    const body = 'I found the breathing exercise useful.';
    const fingerprint = bodyFingerprint(body);
    const recent = context({
      history: history([{ client: 'k-now', fingerprint, created: NOW - 60_000, published: true }]),
    });
    assert.deepEqual(
      (await evaluate(comment('i found the BREATHING exercise useful'), recent, settings()))
        .reasons,
      ['duplicate'],
    );
    const old = context({
      history: history([
        { client: 'k-now', fingerprint, created: NOW - 2 * 86_400_000, published: true },
      ]),
    });
    assert.deepEqual((await evaluate(comment(body), old, settings())).reasons, []);
  });

  test('the same text from many posters is a duplicate; short common replies are not', async () => {
    const body = 'Visit my page for a free gift card today';
    const fingerprint = bodyFingerprint(body);
    const others = (n) =>
      Array.from({ length: n }, (_, i) => ({
        client: `other-${i}`,
        fingerprint,
        created: NOW - 1000,
        published: false,
      }));
    assert.deepEqual(
      (await evaluate(comment(body), context({ history: history(others(1)) }), settings())).reasons,
      [],
    );
    assert.deepEqual(
      (await evaluate(comment(body), context({ history: history(others(2)) }), settings())).reasons,
      ['duplicate'],
    );
    const thanks = 'Thank you!';
    const thanksOthers = Array.from({ length: 10 }, (_, i) => ({
      client: `other-${i}`,
      fingerprint: bodyFingerprint(thanks),
      created: NOW - 1000,
      published: true,
    }));
    assert.deepEqual(
      (await evaluate(comment(thanks), context({ history: history(thanksOthers) }), settings()))
        .reasons,
      [],
    );
  });

  test('honeypot and too-fast are spam, and the store and spam checker are not asked', async () => {
    let checked = 0;
    const spamChecker = { check: async () => (checked++, 'ham') };
    const filled = context({ submission: { honeypot: 'http://bot.example' }, spamChecker });
    const honeypot = await evaluate(comment('Nice'), filled, settings());
    assert.deepEqual([honeypot.status, honeypot.reasons], ['spam', ['honeypot']]);
    assert.deepEqual(filled.history.asked, []);

    const quick = await evaluate(
      comment('Nice'),
      context({ submission: { formAgeMs: 2999 }, spamChecker }),
      settings(),
    );
    assert.deepEqual([quick.status, quick.reasons], ['spam', ['too-fast']]);
    assert.equal(eventFor(quick), null);
    assert.equal(checked, 0);

    const inTime = await evaluate(
      comment('Nice'),
      context({ submission: { formAgeMs: 3000 } }),
      settings(),
    );
    assert.equal(inTime.status, 'published');
    const unknown = await evaluate(
      comment('Nice'),
      context({ submission: { formAgeMs: null } }),
      settings(),
    );
    assert.equal(unknown.status, 'published');
    const off = await evaluate(
      comment('Nice'),
      context({ submission: { formAgeMs: 10 } }),
      settings({ minSubmitSeconds: 0 }),
    );
    assert.equal(off.status, 'published');
  });

  test('several reasons are all recorded, in a fixed order', async () => {
    const d = await evaluate(
      comment('casino https://a.example https://b.example https://c.example'),
      context(),
      settings({ mode: 'hold-all', restricted: ['casino'], holdFirstTime: true }),
    );
    assert.deepEqual(
      [d.status, d.reasons],
      ['pending', ['hold-all', 'links', 'restricted', 'first-time']],
    );
    assert.equal(eventFor(d), 'comment.pending');
  });
});

describe('the external spam checker', () => {
  test('is off unless given', async () => {
    const d = await evaluate(comment('buy now'), context(), settings());
    assert.equal(d.status, 'published');
  });

  test('a spam verdict keeps the comment as spam; ham and unknown change nothing', async () => {
    const seen = [];
    const checker = (verdict) => ({
      async check(c, meta) {
        seen.push({ body: c.body, client: meta.client, aborted: meta.signal.aborted });
        return verdict;
      },
    });
    const spam = await evaluate(
      comment('buy now'),
      context({ spamChecker: checker('spam') }),
      settings(),
    );
    assert.deepEqual([spam.status, spam.reasons], ['spam', ['spam-checker']]);
    assert.deepEqual(seen[0], { body: 'buy now', client: 'k-now', aborted: false });
    for (const verdict of ['ham', 'unknown']) {
      const d = await evaluate(
        comment('hello'),
        context({ spamChecker: checker(verdict) }),
        settings(),
      );
      assert.equal(d.status, 'published');
    }
  });

  test('is never sent a comment held for safety', async () => {
    let asked = false;
    const spamChecker = { check: async () => ((asked = true), 'spam') };
    const d = await evaluate(comment('I want to die'), context({ spamChecker }), settings());
    assert.deepEqual([d.status, d.reasons, asked], ['pending', ['safety'], false]);
  });

  test('a checker that hangs is given up on after the timeout, and told to stop', async () => {
    let signal;
    const errors = [];
    const spamChecker = {
      check: (_c, meta) => {
        signal = meta.signal;
        return new Promise(() => {});
      },
    };
    const d = await evaluate(
      comment('hello'),
      context({
        spamChecker,
        spamCheckTimeoutMs: 20,
        onSpamCheckerError: (e) => errors.push(String(e)),
      }),
      settings(),
    );
    assert.equal(d.status, 'published');
    assert.equal(signal.aborted, true);
    assert.deepEqual(errors, ['Error: the spam checker did not answer within 20 ms']);
  });

  test('a checker that throws or answers nonsense counts as unknown', async () => {
    const errors = [];
    const onSpamCheckerError = (e) => errors.push(e.message);
    const throwing = {
      check: () => {
        throw new Error('boom');
      },
    };
    const nonsense = { check: async () => 'maybe' };
    for (const spamChecker of [throwing, nonsense]) {
      const d = await evaluate(
        comment('hello'),
        context({ spamChecker, onSpamCheckerError }),
        settings(),
      );
      assert.equal(d.status, 'published');
    }
    assert.deepEqual(errors, ['boom', 'the spam checker answered "maybe"']);
  });
});

describe('reader reports', () => {
  test('a published comment goes back to the queue at the threshold', () => {
    const s = settings({ reportThreshold: 3 });
    assert.deepEqual(evaluateReports(2, 'published', s), { hold: false, reasons: [] });
    assert.deepEqual(evaluateReports(3, 'published', s), { hold: true, reasons: ['reports'] });
    assert.deepEqual(evaluateReports(5, 'pending', s), { hold: false, reasons: [] });
  });
});
