/**
 * The safety check against the sample content folder's own lists (content/safety/):
 * what a reader in crisis writes is found, in English and Spanish, however it is
 * capitalised, accented or punctuated; everyday figures of speech are not.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  SafetyMatcher,
  normalizeText,
  parseSafetyList,
  safetyMatcher,
} from '../../server/build/server/moderation/index.js';
import { contentFolder, loadContent, MINIMAL, watchContent } from './content-helpers.js';

const SAMPLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../content');

/** @type {SafetyMatcher} */
let matcher;
before(async () => {
  const result = await loadContent(SAMPLE_DIR);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.deepEqual(
    result.content.safety.map((list) => [list.file, list.language]),
    [
      ['safety/en.txt', 'en'],
      ['safety/es.txt', 'es'],
    ],
  );
  matcher = safetyMatcher(result.content.safety);
});

describe('normalisation', () => {
  test('folds case, strips accents, drops apostrophes and collapses punctuation', () => {
    assert.equal(normalizeText('  Quiero   SUICIDARME!!! '), 'quiero suicidarme');
    assert.equal(normalizeText('No quiero vivir más…'), 'no quiero vivir mas');
    assert.equal(normalizeText('hacerme DAÑO'), 'hacerme dano');
    assert.equal(normalizeText('I don’t want to live'), 'i dont want to live');
    assert.equal(normalizeText('self-harm\n\tagain'), 'self harm again');
    // Compatibility forms (full-width letters) become plain ones.
    assert.equal(normalizeText('ｋｉｌｌ myself'), 'kill myself');
  });
});

describe('true matches', () => {
  const cases = [
    ['Quiero SUICIDARME', 'suicidarme', 'es'],
    ['I want to end my life.', 'end my life', 'en'],
    ['no quiero vivir más', 'no quiero vivir', 'es'],
    ['Sometimes I think about how I could kill myself', 'kill myself', 'en'],
    ['I want to DIE', 'want to die', 'en'],
    ["I don't want to live anymore", "don't want to live", 'en'],
    ['i dont want to live anymore', "don't want to live", 'en'],
    ['I’ve been hurting myself again', 'hurting myself', 'en'],
    ['the self-harm started in school', 'self harm', 'en'],
    ['Everyone would be better off without me.', 'better off without me', 'en'],
    ['I have been feeling suicidal', 'suicidal', 'en'],
    ['Pienso en quitarme la vida', 'quitarme la vida', 'es'],
    ['A veces quiero hacerme daño', 'hacerme daño', 'es'],
    ['a veces quiero HACERME DANO', 'hacerme daño', 'es'],
    ['Me quiero morir, ya no puedo más', 'me quiero morir', 'es'],
    ['Tengo ganas de morir.', 'ganas de morir', 'es'],
    ['estarían mejor sin mi', 'estarían mejor sin mí', 'es'],
  ];
  for (const [text, phrase, list] of cases) {
    test(JSON.stringify(text), () => {
      const result = matcher.check(text);
      assert.equal(result.matched, true);
      assert.ok(
        result.matches.some((m) => m.phrase === phrase && m.list === list),
        `expected ${phrase} (${list}) in ${JSON.stringify(result.matches)}`,
      );
    });
  }

  test('a match in the title or the name counts as much as one in the body', () => {
    assert.equal(matcher.check('I want to die', 'Sam', 'Nothing else to say.').matched, true);
    assert.equal(matcher.check('Hello', 'Sam', 'Nothing else to say.').matched, false);
  });

  test('Spanish phrases are found in an English comment and the other way round', () => {
    const result = matcher.check('Lo siento, no quiero vivir. I want to die.');
    assert.deepEqual([...new Set(result.matches.map((m) => m.list))].sort(), ['en', 'es']);
  });

  test('an exception elsewhere in the text does not hide a real match', () => {
    const result = matcher.check(
      'I nearly killed myself laughing at first, but now I want to end my life',
    );
    assert.deepEqual(
      result.matches.map((m) => m.phrase),
      ['end my life'],
    );
  });
});

describe('everyday phrases that must not match', () => {
  const cases = [
    'You are killing it!',
    'I could die laughing',
    'me muero de risa',
    'this workout is killing me',
    'dead tired after the night shift',
    'We watched Suicide Squad last night',
    'September is suicide prevention month',
    'I killed myself laughing at that video',
    'Me voy a matarme de risa con este vídeo',
    'Casi me muero de risa, quiero morir de risa',
    'I cut myself shaving this morning',
    'Skill myselfie',
    'Esta tarea me mata',
    'My mother will kill me if I am late',
    'I am dying to read the next article',
    'Over my dead body',
    'This diet is to die for',
    'me corté el pelo ayer',
    'Don’t let the dying houseplants get to you',
  ];
  for (const text of cases) {
    test(JSON.stringify(text), () => {
      assert.deepEqual(matcher.check(text), { matched: false, matches: [] });
    });
  }

  test('a listed phrase inside longer words is not found', () => {
    const words = new SafetyMatcher([
      { language: 'en', file: 'x.txt', phrases: ['kill myself', 'suicidal'], exceptions: [] },
    ]);
    assert.equal(words.check('skill myselfish').matched, false);
    assert.equal(words.check('nonsuicidal ideation').matched, false);
    assert.equal(words.check('killmyself').matched, false);
    assert.equal(words.check('kill-myself').matched, true);
  });
});

describe('list files', () => {
  test('comments, blank lines and exceptions are read; problems name file and line', () => {
    /** @type {{file: string, line: number, message: string}[]} */
    const problems = [];
    const list = parseSafetyList(
      'safety/en.txt',
      [
        '# a comment',
        '',
        'want to die  # trailing comment',
        '!die laughing',
        'Want To Die',
        'od',
        '   ',
        '...',
      ].join('\n'),
      problems,
    );
    assert.deepEqual(list, {
      language: 'en',
      file: 'safety/en.txt',
      phrases: ['want to die'],
      exceptions: ['die laughing'],
    });
    assert.deepEqual(problems, [
      { file: 'safety/en.txt', line: 5, message: '"Want To Die" is already listed on line 3' },
      {
        file: 'safety/en.txt',
        line: 6,
        message: '"od" is too short to match safely (at least 4 letters)',
      },
      {
        file: 'safety/en.txt',
        line: 8,
        message: '"..." is too short to match safely (at least 4 letters)',
      },
    ]);
  });

  test('a list with no phrases and a file not named after a language are problems', () => {
    const problems = [];
    parseSafetyList('safety/phrases.txt', '# nothing yet\n', problems);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
      [
        'safety/phrases.txt:0: a safety list is named after its language, such as safety/en.txt or safety/pt-br.txt',
        'safety/phrases.txt:0: the list has no phrases',
      ],
    );
  });

  test('the content loader reports list problems with file and line, and keeps the lists in the snapshot', async () => {
    const folder = await contentFolder({
      ...MINIMAL,
      'safety/en.txt': 'end my life\nend my life\n',
      'safety/es.txt': 'quitarme la vida\n',
    });
    try {
      const broken = await loadContent(folder.dir);
      assert.equal(broken.ok, false);
      assert.deepEqual(!broken.ok && broken.problems, [
        { file: 'safety/en.txt', line: 2, message: '"end my life" is already listed on line 1' },
      ]);
      await folder.write('safety/en.txt', 'end my life\n');
      const fixed = await loadContent(folder.dir);
      assert.ok(fixed.ok);
      assert.deepEqual(
        fixed.content.safety.map((l) => [l.file, l.phrases]),
        [
          ['safety/en.txt', ['end my life']],
          ['safety/es.txt', ['quitarme la vida']],
        ],
      );
      assert.ok(Object.isFrozen(fixed.content.safety[0].phrases));
      assert.equal(
        safetyMatcher(fixed.content.safety).check('Voy a quitarme la VIDA').matched,
        true,
      );
    } finally {
      await folder.remove();
    }
  });

  test('a folder without safety lists loads with none (and the check holds nothing for safety)', async () => {
    const folder = await contentFolder(MINIMAL);
    try {
      const result = await loadContent(folder.dir);
      assert.ok(result.ok);
      assert.deepEqual(result.content.safety, []);
      assert.equal(safetyMatcher(result.content.safety).check('I want to die').matched, false);
    } finally {
      await folder.remove();
    }
  });

  test('an edited list is picked up while the service runs; a broken edit keeps the last good lists', async () => {
    const folder = await contentFolder({ ...MINIMAL, 'safety/en.txt': 'end my life\n' });
    const events = [];
    const waiting = [];
    const push = (event) => {
      events.push(event);
      waiting.shift()?.();
    };
    const next = () =>
      new Promise((resolve) => {
        if (events.length > 0) resolve(events.shift());
        else waiting.push(() => resolve(events.shift()));
      });
    const first = await loadContent(folder.dir);
    assert.ok(first.ok);
    const watcher = watchContent(
      folder.dir,
      {
        onChange: (snapshot) => push({ kind: 'change', snapshot }),
        onError: (problems) => push({ kind: 'error', problems }),
      },
      { initial: first.content, debounceMs: 50 },
    );
    try {
      await watcher.ready;
      await folder.write('safety/en.txt', 'end my life\nwant to die\n');
      const changed = await next();
      assert.equal(changed.kind, 'change');
      assert.equal(safetyMatcher(changed.snapshot.safety).check('I want to die').matched, true);

      await folder.write('safety/en.txt', 'end my life\nwant to die\nwant to die\n');
      const broken = await next();
      assert.equal(broken.kind, 'error');
      assert.deepEqual(broken.problems, [
        { file: 'safety/en.txt', line: 3, message: '"want to die" is already listed on line 2' },
      ]);
      assert.equal(watcher.current(), changed.snapshot);
    } finally {
      await watcher.close();
      await folder.remove();
    }
  });
});
