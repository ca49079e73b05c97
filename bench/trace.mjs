// Where the renderer's main thread spent its time, from a Chromium trace: script, style
// and layout by self time (as DevTools' Performance panel counts them: work nested in a
// script call — a forced layout, say — counts as layout, garbage collection inside
// script as script), and the tasks it ran.
//
// A trace rather than CDP Performance.getMetrics: its ScriptDuration leaves out
// microtasks, which is where Lit renders (on 1,000 comments it reported 12 ms of script
// where the trace shows about 1.5 s).

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
];

const SCRIPT = [
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.compile',
  'v8.compileModule',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
];
const KIND = new Map([
  ...SCRIPT.map((name) => [name, 'script']),
  ['UpdateLayoutTree', 'style'],
  ['ParseAuthorStyleSheet', 'style'],
  ['Layout', 'layout'],
]);

/** Complete events of the busiest renderer main thread, parents before children. */
function mainThreadEvents(traceEvents) {
  const mains = new Set(
    traceEvents
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of traceEvents) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(thread)) continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread).push(e);
  }
  const busy = (events) => events.reduce((sum, e) => sum + (e.name === 'RunTask' ? e.dur : 0), 0);
  const [events = []] = [...byThread.values()].sort((a, b) => busy(b) - busy(a));
  return events.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

/**
 * @param {Buffer} trace what `browser.stopTracing()` returns
 * @returns {{ script: number, style: number, layout: number, busy: number,
 *   longestTask: number, longTasks: number }} milliseconds (longTasks: tasks ≥ 50 ms)
 */
function mainThreadBreakdown(trace) {
  const totals = { script: 0, style: 0, layout: 0 };
  const tasks = [];
  const stack = [];
  for (const e of mainThreadEvents(JSON.parse(trace.toString()).traceEvents)) {
    while (stack.length && stack.at(-1).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (!parent && e.name === 'RunTask') tasks.push(e.dur / 1000);
    const kind = KIND.get(e.name) ?? parent?.kind;
    // Self time: the event's time goes to its kind, and out of its parent's.
    if (kind) totals[kind] += e.dur / 1000;
    if (parent?.kind) totals[parent.kind] -= e.dur / 1000;
    stack.push({ end: e.ts + e.dur, kind });
  }
  return {
    ...totals,
    busy: tasks.reduce((sum, t) => sum + t, 0),
    longestTask: Math.max(0, ...tasks),
    longTasks: tasks.filter((t) => t >= 50).length,
  };
}

/** The script URLs an event names (function calls, evaluations, compiles, timers). */
function urlsOf(e) {
  const data = e.args?.data ?? {};
  return [data.url, data.scriptName, e.args?.fileName, data.stackTrace?.[0]?.url].filter(
    (url) => typeof url === 'string' && url !== '',
  );
}

/**
 * The renderer main thread's top-level tasks, each with its length, whether it ran any
 * script, and the script URLs named inside it.
 * @param {Buffer} trace what `browser.stopTracing()` returns
 * @returns {Array<{ start: number, dur: number, script: boolean, urls: string[] }>} ms
 */
export function tasksOf(trace) {
  const tasks = [];
  let current = null;
  for (const e of mainThreadEvents(JSON.parse(trace.toString()).traceEvents)) {
    if (current && e.ts >= current.end) current = null;
    if (!current) {
      if (e.name !== 'RunTask') continue;
      current = {
        end: e.ts + e.dur,
        task: { start: e.ts / 1000, dur: e.dur / 1000, script: false, urls: new Set() },
      };
      tasks.push(current.task);
      continue;
    }
    if (KIND.get(e.name) === 'script') current.task.script = true;
    for (const url of urlsOf(e)) current.task.urls.add(url);
  }
  return tasks.map((t) => ({ ...t, urls: [...t.urls] }));
}

/**
 * Traces `work()` and returns its result with the raw trace.
 * @template T
 * @param {import('playwright').Browser} browser
 * @param {import('playwright').Page} page
 * @param {() => Promise<T>} work
 */
export async function rawTrace(browser, page, work) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const result = await work().catch(async (error) => {
    await browser.stopTracing();
    throw error;
  });
  return { result, trace: await browser.stopTracing() };
}

/**
 * Runs `work()` while tracing the page and returns its result with the breakdown.
 * @template T
 * @param {import('playwright').Browser} browser
 * @param {import('playwright').Page} page
 * @param {() => Promise<T>} work
 */
export async function traced(browser, page, work) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const result = await work().catch(async (error) => {
    await browser.stopTracing();
    throw error;
  });
  return { result, ...mainThreadBreakdown(await browser.stopTracing()) };
}
