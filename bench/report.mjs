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
    title: '2. Article: from the bundle’s arrival to the content in the page',
    note: 'Cold cache, one fresh browser context per load. “Arrival” is the script’s `responseEnd` (Resource Timing), so parsing and compiling the bundle are counted; “content” is the `mhn-load` event of `<mhn-article>` (the rendered article is in its shadow DOM), or for the bare page the moment after its `innerHTML` is set. Both pages fetch the same article JSON. Times are from navigation start.',
    render: ({ widget, bare, ratio }) =>
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
        `**Ratio (widget ÷ bare, arrival → content): ${num(ratio, 2)}×**`,
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
    title: '5. Cumulative layout shift of the demo page',
    note: '`demo/index.html` as `npm start` serves it (comments lazy, as a partner would embed them); `layout-shift` entries without recent input, summed from navigation until the network has been idle for 500 ms plus one second. Target: 0. An element listed as shifted was pushed by one above it that grew: compare the heights each widget went through.',
    render: (rows) =>
      [
        table(
          ['viewport', 'CLS (median)', 'CLS (worst run)'],
          rows.map((r) => [r.name, num(r.cls, 4), num(r.max, 4)]),
        ) + rows.map((r) => idleWarning(r.name, r.neverIdle)).join(''),
        ...rows
          .filter((r) => r.sources.length)
          .map((r) =>
            captioned(
              `Elements that shifted (${r.name}):`,
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
            `Heights each widget went through (${r.name}), in px — first the space reserved while loading:`,
            ['widget', 'heights'],
            r.heights.map((h) => [`\`${h.widget}\``, h.heights]),
          ),
        ),
      ].join('\n'),
  },
  load: {
    title: '6. The reference server under load',
    note: 'autocannon in the bench process, the service (`server/`, SQLite file) in its own process, both on 127.0.0.1 and on the same cores; one 2 s warm-up, then one run of each kind.',
    render: ({ connections, seconds, rows }) =>
      [
        `GET /api/v1/articles/resilience-social-support-benefits, ${connections} connections, ${seconds} s each.\n`,
        table(
          ['requests', 'requests/s', 'p50 latency', 'p99 latency', 'responses'],
          rows.map((r) => [
            r.name,
            num(r.requestsPerSecond),
            `${num(r.p50)} ms`,
            `${num(r.p99)} ms`,
            Object.entries(r.statuses)
              .map(([code, count]) => `${num(count)} × ${code}`)
              .join(', ') + (r.errors ? `, ${num(r.errors)} errors` : ''),
          ]),
        ),
      ].join('\n'),
  },
};

/**
 * @param {{ date: Date, runs: number, machine: Record<string, string>,
 *   results: Record<string, { value?: any, error?: string }> }} report
 */
export function renderReport({ date, runs, machine, results }) {
  const parts = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`bench/run.mjs\`) on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC. Browser figures are medians of ${runs} runs in headless Chromium against the reference server on loopback (names other than 127.0.0.1 do not resolve, so nothing depends on the internet); regenerate rather than edit.`,
    '',
    '## Machine',
    '',
    table(['', ''], [...Object.entries(machine), ['runs', String(runs)]]),
  ];
  for (const [id, { title, note, render }] of Object.entries(SECTIONS)) {
    const result = results[id];
    if (!result) continue;
    parts.push('', `## ${title}`, '', note, '');
    parts.push(result.error ? `Failed: ${result.error}` : render(result.value));
  }
  return `${parts.join('\n')}\n`;
}
