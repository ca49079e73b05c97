/**
 * Reloading the content folder while the service runs: on a file change (debounced) or
 * on `reload()` (SIGHUP), the folder is loaded again. A good folder replaces the
 * snapshot; a bad edit keeps the last good snapshot and reports its problems.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { loadContent } from './load.js';
import type { ContentSnapshot, LoadResult, Problem } from './types.js';

export interface WatchHandlers {
  /** A reload succeeded: serve this snapshot from now on. */
  onChange(snapshot: ContentSnapshot): void;
  /** A reload failed: keep serving the last good snapshot; these are what is wrong. */
  onError(problems: Problem[]): void;
}

export interface WatchOptions {
  /** The snapshot being served now (the last good one until a reload succeeds). */
  initial?: ContentSnapshot;
  /** Quiet time after the last file event before reloading; an editor's save is several events. */
  debounceMs?: number;
}

export interface ContentWatcher {
  /** Resolves once the folder is being watched (changes before then may be missed). */
  readonly ready: Promise<void>;
  /** The last good snapshot: `initial`, or the latest successful reload. */
  current(): ContentSnapshot | null;
  /** Loads the folder now (for SIGHUP); resolves with the outcome once handlers have run. */
  reload(): Promise<LoadResult>;
  /** Stops watching; a pending reload is dropped. */
  close(): Promise<void>;
}

export function watchContent(
  dir: string,
  handlers: WatchHandlers,
  options: WatchOptions = {},
): ContentWatcher {
  const debounceMs = options.debounceMs ?? 150;
  let current: ContentSnapshot | null = options.initial ?? null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // One load at a time; requests during a load share one more load after it.
  let running: Promise<LoadResult> | null = null;
  let queued: Promise<LoadResult> | null = null;

  const runOnce = async (): Promise<LoadResult> => {
    let result: LoadResult;
    try {
      result = await loadContent(dir);
    } catch (error) {
      result = {
        ok: false,
        problems: [
          { file: dir, line: 0, message: `the content could not be loaded: ${String(error)}` },
        ],
      };
    }
    if (closed) return result;
    if (result.ok) {
      current = result.content;
      handlers.onChange(result.content);
    } else {
      handlers.onError(result.problems);
    }
    return result;
  };

  const reload = (): Promise<LoadResult> => {
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return reload();
      });
      return queued;
    }
    const run: Promise<LoadResult> = runOnce().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };

  const root = path.resolve(dir);
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Editors' swap and backup files (and hidden folders such as .git) are not content.
    ignored: (file) => {
      const relative = path.relative(root, file);
      return relative !== '' && /(^|[/\\])\.|~$/.test(relative);
    },
  });
  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  };
  watcher.on('all', schedule);
  watcher.on('error', (error) => {
    handlers.onError([
      { file: dir, line: 0, message: `watching the content folder failed: ${String(error)}` },
    ]);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    current: () => current,
    reload,
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
