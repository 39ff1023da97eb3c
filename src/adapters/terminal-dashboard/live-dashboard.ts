// The live terminal dashboard: ink renders the dashboard's lines and redraws them whenever the
// source says something changed (the event stream) and every few seconds for clocks and health.
import { createElement as h, useEffect, useRef, useState, type ReactElement } from 'react';
import { Box, Text, render, useApp, useInput, useStdin } from 'ink';
import type { DashboardView } from '../../app/dashboard/index.js';
import { dashboardLines, type Line, type LinesOptions } from './dashboard-lines.js';

export interface DashboardSource {
  load(): Promise<DashboardView>;
  /** Calls `onChange` when something may have changed (a new event); returns a function that stops watching. */
  watch(onChange: () => void): () => void;
}

export interface LiveOptions extends LinesOptions {
  /** Redraw at least this often, for elapsed times and health readings. Default 5 s. */
  readonly refreshMs?: number;
}

function LineView({ line }: { line: Line }): ReactElement {
  if (line.length === 0) return h(Text, null, ' ');
  return h(Text, { wrap: 'truncate-end' }, ...line.map((s, i) => h(Text, { key: i, ...(s.tone === undefined ? {} : { color: s.tone }), bold: s.bold === true }, s.text)));
}

function Dashboard({ source, options }: { source: DashboardSource; options: LiveOptions }): ReactElement {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const [view, setView] = useState<DashboardView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const loading = useRef<{ busy: boolean; again: boolean }>({ busy: false, again: false });

  useInput((input) => {
    if (input === 'q') exit();
  }, { isActive: isRawModeSupported === true });

  useEffect(() => {
    let stopped = false;
    // One load at a time; a change during a load asks for one more afterwards, never a queue.
    const reload = async (): Promise<void> => {
      const state = loading.current;
      if (state.busy) {
        state.again = true;
        return;
      }
      state.busy = true;
      try {
        do {
          state.again = false;
          try {
            const next = await source.load();
            if (!stopped) {
              setView(next);
              setError(undefined);
            }
          } catch (e) {
            if (!stopped) setError(e instanceof Error ? e.message : String(e));
          }
        } while (state.again && !stopped);
      } finally {
        state.busy = false;
      }
    };
    void reload();
    const unwatch = source.watch(() => void reload());
    const timer = setInterval(() => void reload(), options.refreshMs ?? 5000);
    return () => {
      stopped = true;
      unwatch();
      clearInterval(timer);
    };
  }, [source, options.refreshMs]);

  const lines = view === undefined ? [[{ text: 'Loading the dashboard…' }]] as Line[] : dashboardLines(view, options);
  return h(Box, { flexDirection: 'column' },
    ...lines.map((line, i) => h(LineView, { key: i, line })),
    h(Text, null, ' '),
    error === undefined ? null : h(Text, { color: 'red', wrap: 'truncate-end' }, `Could not refresh: ${error}`),
    h(Text, { color: 'gray', wrap: 'truncate-end' }, isRawModeSupported === true ? 'q quit · live from the event stream' : 'Ctrl-C quit · live from the event stream'),
  );
}

/** Runs until the user quits (q or Ctrl-C). */
export async function runLiveDashboard(source: DashboardSource, options: LiveOptions): Promise<void> {
  const instance = render(h(Dashboard, { source, options }), { exitOnCtrlC: true });
  await instance.waitUntilExit();
}
