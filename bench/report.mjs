// Turns the measurements into the Markdown that is printed and written to
// docs/benchmarks.md.
import os from 'node:os';
import { kb, ms, num } from './stats.mjs';

/** The machine the figures come from. */
export function machineInfo(chromiumVersion) {
  const cpus = os.cpus();
  return {
    CPU: cpus[0]?.model.trim() ?? 'unknown',
    cores: String(cpus.length),
    memory: `${num(os.totalmem() / 2 ** 30, 1)} GB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
    Chromium: chromiumVersion ?? 'not launched',
    // The machine may be shared: how busy it was says how far to trust the times.
    'load average (1 min) at the end': num(os.loadavg()[0], 2),
  };
}

/** A Markdown table with padded columns (readable in a terminal too). */
function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** A table under a line of text. */
const captioned = (caption, headers, rows) => `\n${caption}\n\n${table(headers, rows)}`;

const rect = (r) => (r.width || r.height ? `${num(r.top)} / ${num(r.height)} px` : 'out of view');

/** A warning when some page loads never reached network idle. */
const idleWarning = (what, neverIdle) =>
  neverIdle
    ? `\n\n⚠ ${what}: the network was still busy after 15 s in ${neverIdle} run(s) (a widget kept fetching); counted at that point.`
    : '';

const SECTIONS = {
  sizes: {
    title: '1. Bytes per entry point',
    note: 'Each per-widget entry is counted with every chunk it statically imports (each file compressed on its own, as served). Baselines are bundled by the bench with the same node-resolve and terser settings as `rollup.config.mjs`. 1 KB = 1,024 bytes; gzip level 9, brotli quality 11.',
    render: ({ entries, baselines }) =>
      table(
        ['entry point', 'files', 'raw', 'gzip', 'brotli'],
        [...entries, ...baselines].map((e) => [
          e.name,
          e.files.length ? e.files.join(', ') : '–',
          kb(e.raw),
          kb(e.gzip),
          kb(e.brotli),
        ]),
      ),
  },
  article: {
    title: '2. Time to article: navigation to the article in the page, next to a bare page',
    note: 'Cold cache, one fresh browser context per load; the widget page and the bare page are loaded interleaved in one run (alternating which goes first), from the same server, over the same loopback, with no throttling, and both fetch the same article JSON. “Content” is the `mhn-load` event of `<mhn-article>` (the rendered article is in its shadow DOM), or for the bare page the moment after its `innerHTML` is set; times are from navigation start. “Script arrived” is the page script’s `responseEnd` (Resource Timing), so “arrival → content” is the cost of the code itself: parsing, compiling and running it, fetching the JSON, sanitizing and rendering.',
    render: ({ widget, bare, ratio, arrivalRatio }) =>
      [
        table(
          ['page', 'script arrived', 'content shown', 'arrival → content'],
          [
            [
              '`<mhn-article>` (dist/mhn-widgets.js)',
              ms(widget.arrival),
              ms(widget.content),
              ms(widget.toContent),
            ],
            [
              'bare: fetch + innerHTML, no framework',
              ms(bare.arrival),
              ms(bare.content),
              ms(bare.toContent),
            ],
          ],
        ),
        '',
        `**Time to article, widget ÷ bare (navigation → content): ${num(ratio, 2)}×** (arrival → content: ${num(arrivalRatio, 2)}×)`,
      ].join('\n'),
  },
  comments: {
    title: '3. Rendering comments in `<mhn-comments>`',
    note: 'The `long-thread-example` thread (1,500 comments). The element is added after the bundle has run; figures run from adding it until the comments are shown and two frames have passed. The contract caps a page at 100, so 1,000 comments are the first 100 plus nine “Load more comments” clicks: totals over all ten steps, with the first and the slowest single append (click → shown). Script, style and layout are main-thread self time from a Chromium trace, as DevTools counts them; “busy” is every main-thread task (paint included). A trace, not `Performance.getMetrics`: its `ScriptDuration` leaves out microtasks, where Lit renders. Tasks ≥ 50 ms are what the Long Tasks API would report.',
    render: ({ skipped, rows }) =>
      skipped
        ? `Skipped: ${skipped}.`
        : table(
            [
              'comments',
              'page-size',
              'script',
              'style',
              'layout',
              'main thread busy',
              'wall clock',
              'first append',
              'slowest append',
              'longest task',
              'tasks ≥ 50 ms',
            ],
            rows.map((r) => [
              num(r.shown),
              r.pageSize,
              ms(r.script),
              ms(r.style),
              ms(r.layout),
              ms(r.busy),
              ms(r.wall),
              ms(r.firstStep),
              ms(r.slowestStep),
              ms(r.longestTask),
              num(r.longTasks),
            ]),
          ),
  },
  requests: {
    title: '4. Content API requests from a page with every widget',
    note: '`bench/pages/all-widgets.html`: every element inside one `<mhn-provider>`, comments `loading="eager"`; requests counted in the browser until the network is idle for 500 ms. The therapist search makes no request until a search is made.',
    render: ({ variants, missing }) => {
      const paths = [...new Set(variants.flatMap((v) => Object.keys(v.byPath)))].sort();
      const rows = paths.map((p) => [`\`${p}\``, ...variants.map((v) => num(v.byPath[p] ?? 0))]);
      rows.push(['**total**', ...variants.map((v) => `**${num(v.total)}**`)]);
      const note = missing.length
        ? `\n\nNot registered in the bundle when measured (so they made no request): ${missing.map((m) => `\`<${m}>\``).join(', ')}.`
        : '';
      const busy = variants.map((v) => idleWarning(v.name, v.neverIdle)).join('');
      return table(['request', ...variants.map((v) => v.name)], rows) + note + busy;
    },
  },
  layoutShift: {
    title: '5. Cumulative layout shift while the widgets load',
    note: '`demo/index.html` as `npm start` serves it (its stylesheet reserves each widget’s room; comments lazy, as a partner would embed them), and `bench/pages/partner.html`, a partner page with the widgets in ordinary content and no room reserved for them, so only the widgets’ own loading placeholders keep the page still. `layout-shift` entries without recent input, summed from navigation until the network has been idle for 500 ms plus one second. The last column keeps only the shifts from the frame after every widget first took room: what the placeholders did not foresee, as opposed to what the page moved before the script defined the elements (an undefined element takes no room, and the partner page reserves none). An element listed as shifted was pushed by one above it that grew: compare the heights each widget went through.',
    render: (rows) =>
      [
        table(
          [
            'page',
            'viewport',
            'CLS (median)',
            'CLS (worst run)',
            'of which once every placeholder was up (median / worst)',
          ],
          rows.map((r) => [
            r.pageName,
            r.name,
            num(r.cls, 4),
            num(r.max, 4),
            `${num(r.own, 4)} / ${num(r.ownMax, 4)}`,
          ]),
        ) + rows.map((r) => idleWarning(`${r.pageName}, ${r.name}`, r.neverIdle)).join(''),
        ...rows
          .filter((r) => r.sources.length)
          .map((r) =>
            captioned(
              `Elements that shifted (${r.pageName}, ${r.name}):`,
              ['element', 'shifts', 'largest shift', 'top / height before → after'],
              r.sources.map((s) => [
                `\`${s.node}\``,
                s.shifts,
                num(s.largest, 4),
                `${rect(s.example.previous)} → ${rect(s.example.current)}`,
              ]),
            ),
          ),
        ...rows.map((r) =>
          captioned(
            `Heights each widget went through (${r.pageName}, ${r.name}), in px — first the room it took before its script ran (none unless the page reserves some), then the placeholder’s:`,
            ['widget', 'heights'],
            r.heights.map((h) => [`\`${h.widget}\``, h.heights]),
          ),
        ),
      ].join('\n'),
  },
  load: {
    title: '6. The Content API service under load',
    note: 'autocannon in the bench process, each instance of the service (`server/`, API only, logging errors only) in its own process, all on 127.0.0.1 and on the same cores as the database; one 2 s warm-up per set-up and kind, then one run of each. Several instances share their connections evenly (one autocannon run over every URL). PostgreSQL is a local cluster with durable settings (fsync, synchronous_commit and full_page_writes on); SQLite is a file in WAL mode with synchronous=FULL, as the service always opens it. Every POST carries its own comment and Idempotency-Key, as the widget sends them, and is counted against the rate limit in the store (the limit raised out of the way: every post comes from 127.0.0.1). On a machine with few cores, three instances measure what sharing the database costs, not how far the service scales. On a machine shared with other work (see the load average) repeated runs of one set-up differ severalfold — one PostgreSQL instance gave from 590 to 7,900 article GETs a second in consecutive 3 s runs — so read these figures as orders of magnitude.',
    render: ({ connections, seconds, article, setups }) =>
      [
        `\`/api/v1/articles/${article}\` (GET) and its \`/comments\` (POST), ${connections} connections, ${seconds} s each.\n`,
        table(
          ['set-up', 'requests', 'requests/s', 'p50 latency', 'p99 latency', 'responses'],
          setups.flatMap((setup) =>
            setup.rows.map((r) => [
              setup.name,
              r.name,
              num(r.requestsPerSecond),
              `${num(r.p50)} ms`,
              `${num(r.p99)} ms`,
              Object.entries(r.statuses)
                .map(([code, count]) => `${num(count)} × ${code}`)
                .join(', ') + (r.errors ? `, ${num(r.errors)} errors` : ''),
            ]),
          ),
        ),
      ].join('\n'),
  },
  bytes: {
    title: '7. Bytes a page downloads for its widgets',
    note: 'Every script the browser fetched from `/dist/` while the page loaded, until the network was idle and the article and comments had shown (`mhn-load`). The reference server sends files uncompressed, so each fetched body is gzipped here (level 9) on its own, as a compressing server would send it. Measured in a browser with the HTML Sanitizer API, then again with it turned off (`--disable-blink-features=SanitizerAPI`): what only the second browser fetched is the DOMPurify fallback, counted separately.',
    render: ({ sanitizerApi, pages }) =>
      [
        `HTML Sanitizer API in the measuring browser: ${sanitizerApi}.`,
        '',
        table(
          [
            'page',
            'files fetched (Sanitizer API)',
            'raw',
            'gzip',
            'fallback files (no API)',
            'fallback gzip',
          ],
          pages.map((p) => [
            p.name,
            p.files.map((f) => `${f.file} (${kb(f.gzip)})`).join(', '),
            kb(p.raw),
            `**${kb(p.gzip)}**`,
            p.fallback.length ? p.fallback.map((f) => f.file).join(', ') : 'none',
            p.fallback.length ? kb(p.fallbackGzip) : '–',
          ]),
        ) + pages.map((p) => idleWarning(p.name, p.neverIdle)).join(''),
      ].join('\n'),
  },
  mainThread: {
    title: '8. Main thread while the page with every widget loads',
    note: '`bench/pages/all-widgets.html` at desktop speed (no CPU or network throttling), traced in Chromium from navigation until the network has been idle for 500 ms and half a second more, without the bench’s observers in the page. Tasks are the renderer main thread’s top-level `RunTask` events; a task is ours when it ran script and every script URL named in it is under `/dist/` (or it names none, as the microtask checkpoints where Lit renders). Medians over the runs; the worst run is shown beside them.',
    render: (r) =>
      table(
        ['', 'value'],
        [
          ['longest task of ours (median)', ms(r.longestOurs)],
          [
            'longest task of ours (worst run)',
            `${ms(r.worstOurs)}${r.longestOursUrls.length ? ` (${r.longestOursUrls.map((u) => `\`${u}\``).join(', ')})` : ''}`,
          ],
          ['tasks of ours ≥ 50 ms (median per run)', num(r.oursLong)],
          ['runs with a task of ours ≥ 50 ms', num(r.runsWithLong)],
          ['main thread busy with our tasks (median)', ms(r.oursBusy)],
          ['longest task of any kind (median)', ms(r.longestAny)],
          ['tasks of any kind ≥ 50 ms (median per run)', num(r.anyLong)],
        ],
      ) + idleWarning('all-widgets page', r.neverIdle),
  },
  lighthouse: {
    title: '9. Lighthouse',
    note: 'The `lighthouse` package (performance category only) driving the installed Chromium through `chrome-launcher` (`--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run`, and only 127.0.0.1 resolves). “mobile” is Lighthouse’s default preset (simulated slow 4G, 4× CPU slowdown, a phone screen); “desktop” is `lighthouse/core/config/desktop-config.js`. Figures are medians over the runs; the scores of every run are listed.',
    render: (rows) =>
      table(
        [
          'page',
          'preset',
          'performance',
          'FCP',
          'LCP',
          'TBT',
          'CLS',
          'Speed Index',
          'scores of each run',
        ],
        rows.map((r) => [
          r.name,
          r.preset,
          `**${num(r.score)}**`,
          ms(r.fcp),
          ms(r.lcp),
          ms(r.tbt),
          num(r.cls, 4),
          ms(r.si),
          r.scores.join(', '),
        ]),
      ) +
      rows
        .filter((r) => r.warnings.length)
        .map((r) => `\n\nLighthouse warned (${r.name}, ${r.preset}): ${r.warnings.join(' ')}`)
        .join(''),
  },
};

const KB = 1024;

/**
 * The goals of issue 13, each with the figure that decides it: `[goal, measured, pass]`,
 * pass null when the figure is missing (its measurement failed or was not run).
 */
function goalsOf(results) {
  const v = (id) => results[id]?.value;
  const rows = [];
  const goal = (text, measured, pass) => rows.push([text, measured, pass]);
  const article = v('article');
  goal(
    'Time to article (navigation → content, medians) ≤ 1.3× the bare page',
    article
      ? `${num(article.ratio, 2)}× (${ms(article.widget.content)} vs ${ms(article.bare.content)})`
      : '–',
    article ? article.ratio <= 1.3 : null,
  );
  const bytes = v('bytes');
  const page = (id) => bytes?.pages.find((p) => p.id === id);
  for (const [id, limit, text] of [
    ['articleComments', 24, 'Bytes for article + comments (gzip, Sanitizer API) ≤ 24 KB'],
    ['all', 30, 'Bytes for all eight widgets (gzip, Sanitizer API) ≤ 30 KB'],
  ]) {
    const p = page(id);
    goal(text, p ? kb(p.gzip) : '–', p ? p.gzip <= limit * KB : null);
  }
  const all = page('all');
  goal(
    'DOMPurify fallback (browsers without the API), counted separately',
    all ? (all.fallback.length ? kb(all.fallbackGzip) : 'none fetched separately') : '–',
    undefined,
  );
  const main = v('mainThread');
  goal(
    'All-widgets page, desktop speed: no task of ours ≥ 50 ms',
    main ? `longest ${ms(main.longestOurs)} (median; worst run ${ms(main.worstOurs)})` : '–',
    main ? main.longestOurs < 50 : null,
  );
  const comments = v('comments')?.rows ?? [];
  const c20 = comments.find((r) => r.shown === 20);
  goal(
    'First render of 20 comments ≤ 40 ms main thread busy',
    c20 ? ms(c20.busy) : '–',
    c20 ? c20.busy <= 40 : null,
  );
  const c1000 = comments.find((r) => r.shown === 1000);
  goal(
    '1,000 comments: no task ≥ 50 ms',
    c1000 ? `${num(c1000.longTasks)} (longest ${ms(c1000.longestTask)})` : '–',
    c1000 ? c1000.longTasks === 0 && c1000.longestTask < 50 : null,
  );
  for (const r of v('lighthouse') ?? []) {
    goal(`Lighthouse performance ≥ 98: ${r.name}, ${r.preset}`, num(r.score), r.score >= 98);
  }
  for (const r of (v('lighthouse') ?? []).filter((r) => r.preset === 'mobile')) {
    goal(`Lighthouse total blocking time ≤ 50 ms on mobile: ${r.name}`, ms(r.tbt), r.tbt <= 50);
  }
  for (const r of (v('lighthouse') ?? []).filter((r) => r.page === 'partner')) {
    goal(
      `CLS ≤ 0.01, partner page reserving nothing (Lighthouse ${r.preset})`,
      num(r.cls, 4),
      r.cls <= 0.01,
    );
  }
  for (const r of (v('layoutShift') ?? []).filter((r) => r.page === 'partner')) {
    goal(
      `CLS ≤ 0.01, partner page reserving nothing (bench, ${r.name}, worst run)`,
      `${num(r.max, 4)} (once every placeholder was up: ${num(r.ownMax, 4)})`,
      r.max <= 0.01,
    );
  }
  return rows;
}

function renderGoals(results) {
  const rows = goalsOf(results).map(([text, measured, pass]) => [
    text,
    measured,
    pass === undefined ? 'reported' : pass === null ? 'not measured' : pass ? '✅ pass' : '❌ fail',
  ]);
  return table(['goal (issue 13)', 'measured', 'result'], rows);
}

/**
 * @param {{ date: Date, runs: number, lighthouseRuns: number, machine: Record<string, string>,
 *   results: Record<string, { value?: any, error?: string }> }} report
 */
export function renderReport({ date, runs, lighthouseRuns, machine, results }) {
  const parts = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`bench/run.mjs\`) on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC. Browser figures are medians of ${runs} runs in headless Chromium against the Content API service on loopback (names other than 127.0.0.1 do not resolve, so nothing depends on the internet); regenerate rather than edit.`,
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ...Object.entries(machine),
        ['runs', String(runs)],
        ['Lighthouse runs', String(lighthouseRuns)],
      ],
    ),
  ];
  parts.push(
    '',
    '## Goals',
    '',
    'Each goal beside the figure that decides it; the sections below say how each is measured.',
    '',
    renderGoals(results),
  );
  for (const [id, { title, note, render }] of Object.entries(SECTIONS)) {
    const result = results[id];
    if (!result) continue;
    parts.push('', `## ${title}`, '', note, '');
    parts.push(result.error ? `Failed: ${result.error}` : render(result.value));
  }
  return `${parts.join('\n')}\n`;
}
