// A layered (Sugiyama-style) layout of a workflow definition, computed in the browser: steps in rows
// from the start down to "done", long edges bent through dummy points, loops back drawn at the side.
// Pure and small on purpose: workflows have at most 50 steps, and no layout library is needed.
import type { WorkflowDefinition } from '../../../../contracts/services.ts';

export const DONE = 'done';

export interface LaidNode {
  key: string;
  /** 'done' is the terminal node (status 9, result ready) */
  kind: 'step' | 'done';
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidEdge {
  from: string;
  to: string;
  /** the actions this edge stands for (several actions may join the same two steps) */
  actions: string[];
  /** polyline from the source's border to the target's border */
  points: { x: number; y: number }[];
  /** an edge going back up (a return for rework) */
  back: boolean;
  label: { x: number; y: number };
}

export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  nodeWidth: number;
  /** height of each node, by key (text wraps differently per step) */
  nodeHeight: (key: string) => number;
  hGap: number;
  vGap: number;
  margin: number;
  /** horizontal room per loop back, at the right side */
  loopGap: number;
}

const DEFAULTS: LayoutOptions = {
  nodeWidth: 240,
  nodeHeight: () => 90,
  hGap: 48,
  vGap: 100,
  margin: 24,
  loopGap: 26,
};

interface Edge {
  from: string;
  to: string;
  actions: string[];
}

/** Actions grouped by (from, to), in definition order. */
function edgesOf(wf: WorkflowDefinition): Edge[] {
  const byPair = new Map<string, Edge>();
  for (const a of wf.actions) {
    // A parallel consultation also opens an edge to each of its branches.
    for (const to of [a.to, ...(a.parallel ?? [])]) {
      const id = `${a.from}\u0000${to}`;
      const edge = byPair.get(id) ?? { from: a.from, to, actions: [] };
      edge.actions.push(a.key);
      byPair.set(id, edge);
    }
  }
  return [...byPair.values()];
}

/** Edges that close a cycle (found by a depth-first walk from the start, then from any step left). */
function backEdges(keys: string[], start: string, edges: Edge[]): Set<Edge> {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'closed'>();
  const back = new Set<Edge>();
  const visit = (key: string) => {
    state.set(key, 'open');
    for (const e of out.get(key) ?? []) {
      const s = state.get(e.to);
      if (s === 'open') back.add(e);
      else if (!s) visit(e.to);
    }
    state.set(key, 'closed');
  };
  for (const key of [start, ...keys]) if (!state.has(key)) visit(key);
  return back;
}

export function layoutWorkflow(wf: WorkflowDefinition, options: Partial<LayoutOptions> = {}): Layout {
  const o = { ...DEFAULTS, ...options };
  const stepKeys = wf.steps.map((s) => s.key);
  const known = new Set([...stepKeys, DONE]);
  // Actions naming unknown steps (a definition being edited) are left out of the drawing.
  const edges = edgesOf(wf).filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const selfLoops = edgesOf(wf).filter((e) => e.from === e.to && known.has(e.from));
  const back = backEdges([...stepKeys, DONE], wf.start, edges);
  const forward = edges.filter((e) => !back.has(e));

  // 1. Layers: the longest path from a source over the forward edges; "done" below everything.
  const layer = new Map<string, number>(stepKeys.map((k) => [k, 0]));
  for (let changed = true, guard = 0; changed && guard <= stepKeys.length + 1; guard++) {
    changed = false;
    for (const e of forward) {
      if (e.to === DONE) continue;
      const next = (layer.get(e.from) ?? 0) + 1;
      if (next > (layer.get(e.to) ?? 0)) {
        layer.set(e.to, next);
        changed = true;
      }
    }
  }
  // The start step always heads the drawing.
  const startLayer = layer.get(wf.start) ?? 0;
  if (startLayer > 0) for (const k of stepKeys) layer.set(k, (layer.get(k) ?? 0) + 1 - startLayer);
  layer.set(wf.start, 0);
  for (const k of stepKeys) if ((layer.get(k) ?? 0) < 0) layer.set(k, 0);
  const lastStepLayer = Math.max(0, ...stepKeys.map((k) => layer.get(k) ?? 0));
  layer.set(DONE, lastStepLayer + 1);

  // 2. Long edges pass through dummy points, one per layer they cross. A loop back is laid out
  //    upside down (from its target down to its source) so it takes part in ordering like any edge.
  type Segment = { from: string; to: string };
  const chains = new Map<Edge, string[]>();
  const segments: Segment[] = [];
  let dummies = 0;
  for (const e of edges) {
    const [top, bottom] = back.has(e) ? [e.to, e.from] : [e.from, e.to];
    const chain = [top];
    for (let l = (layer.get(top) ?? 0) + 1; l < (layer.get(bottom) ?? 0); l++) {
      const d = `\u0000d${dummies++}`;
      layer.set(d, l);
      chain.push(d);
    }
    chain.push(bottom);
    chains.set(e, chain);
    for (let i = 1; i < chain.length; i++) segments.push({ from: chain[i - 1]!, to: chain[i]! });
  }

  // 3. Order within layers: first by definition order, then a few barycentre sweeps.
  const rows: string[][] = [];
  const allKeys = [...stepKeys, DONE, ...[...layer.keys()].filter((k) => k.startsWith('\u0000'))];
  const rowCount = Math.max(...allKeys.map((k) => layer.get(k) ?? 0)) + 1;
  for (let i = 0; i < rowCount; i++) rows.push([]);
  for (const k of allKeys) rows[layer.get(k) ?? 0]!.push(k);
  const position = () => {
    const pos = new Map<string, number>();
    for (const row of rows) for (const [i, k] of row.entries()) pos.set(k, i);
    return pos;
  };
  const ups = new Map<string, string[]>();
  const downs = new Map<string, string[]>();
  for (const s of segments) {
    downs.set(s.from, [...(downs.get(s.from) ?? []), s.to]);
    ups.set(s.to, [...(ups.get(s.to) ?? []), s.from]);
  }
  const sweep = (rowIndexes: number[], neighbours: Map<string, string[]>) => {
    for (const r of rowIndexes) {
      const pos = position();
      const centre = (k: string) => {
        const ns = neighbours.get(k) ?? [];
        return ns.length ? ns.reduce((sum, n) => sum + (pos.get(n) ?? 0), 0) / ns.length : (pos.get(k) ?? 0);
      };
      const row = rows[r]!;
      const scored = row.map((k, i) => ({ k, i, c: centre(k) }));
      scored.sort((a, b) => a.c - b.c || a.i - b.i);
      rows[r] = scored.map((s) => s.k);
    }
  };
  const down = rows.map((_, i) => i).slice(1);
  for (let pass = 0; pass < 4; pass++) {
    sweep(down, ups);
    sweep(
      [...down].reverse().map((i) => i - 1),
      downs,
    );
  }

  // 4. Coordinates: rows centred; a dummy point takes little room.
  const DUMMY_WIDTH = 16;
  const widthOf = (k: string) => (k.startsWith('\u0000') ? DUMMY_WIDTH : k === DONE ? 200 : o.nodeWidth);
  const heightOf = (k: string) => (k.startsWith('\u0000') ? 0 : k === DONE ? 44 : o.nodeHeight(k));
  const rowWidth = (row: string[]) =>
    row.reduce((w, k) => w + widthOf(k), 0) + Math.max(0, row.length - 1) * o.hGap;
  const inner = Math.max(...rows.map(rowWidth), o.nodeWidth);
  const loops = selfLoops.length;
  const width = o.margin * 2 + inner + loops * o.loopGap + (loops ? o.loopGap : 0);
  const centres = new Map<string, { x: number; y: number }>();
  const nodes: LaidNode[] = [];
  let y = o.margin;
  for (const row of rows) {
    const rowHeight = Math.max(0, ...row.map(heightOf));
    let x = o.margin + (inner - rowWidth(row)) / 2;
    for (const k of row) {
      const w = widthOf(k);
      const h = heightOf(k);
      centres.set(k, { x: x + w / 2, y: y + rowHeight / 2 });
      if (!k.startsWith('\u0000'))
        nodes.push({
          key: k,
          kind: k === DONE ? 'done' : 'step',
          layer: layer.get(k) ?? 0,
          x,
          y: y + (rowHeight - h) / 2,
          width: w,
          height: h,
        });
      x += w + o.hGap;
    }
    y += rowHeight + o.vGap;
  }
  const height = y - o.vGap + o.margin;
  const box = new Map(nodes.map((n) => [n.key, n]));

  // 5. Edge paths, from the lower border of the upper box to the upper border of the lower one;
  //    a loop back runs the same way, shifted aside, with its arrow at the upper box.
  const BACK_SHIFT = 16;
  const laid: LaidEdge[] = [];
  for (const e of edges) {
    const isBack = back.has(e);
    const chain = chains.get(e)!;
    const a = box.get(chain[0]!)!;
    const b = box.get(chain[chain.length - 1]!)!;
    const shift = isBack ? BACK_SHIFT : 0;
    const points = [
      { x: a.x + a.width / 2, y: a.y + a.height },
      ...chain.slice(1, -1).map((k) => ({ x: centres.get(k)!.x + shift, y: centres.get(k)!.y })),
      { x: b.x + b.width / 2, y: b.y },
    ];
    // Several edges leaving or entering one box spread along its border.
    const spread = (end: { x: number }, toward: { x: number }, width: number) =>
      end.x + Math.max(-width / 3, Math.min(width / 3, (toward.x - end.x) / 3)) + shift;
    const first = points[0]!;
    const last = points[points.length - 1]!;
    points[0] = { x: spread(first, points[1]!, a.width), y: first.y };
    points[points.length - 1] = { x: spread(last, points[points.length - 2]!, b.width), y: last.y };
    if (isBack) points.reverse();
    // The label sits in the gap under the upper box: forward edges a third of the way down, loops
    // back two thirds, so that a pair of opposite edges between two steps keeps both labels apart.
    const [p0, p1] = isBack
      ? [points[points.length - 1]!, points[points.length - 2]!]
      : [points[0]!, points[1]!];
    const gap = Math.min(o.vGap, p1.y - p0.y);
    const t = (isBack ? 0.68 : 0.32) * (gap / Math.max(1, p1.y - p0.y));
    laid.push({
      from: e.from,
      to: e.to,
      actions: e.actions,
      points,
      back: isBack,
      label: { x: p0.x + (p1.x - p0.x) * t, y: p0.y + (p1.y - p0.y) * t },
    });
  }
  // A step that loops onto itself: a small lane at the right.
  let lane = 0;
  for (const e of selfLoops) {
    const a = box.get(e.from)!;
    const laneX = o.margin + inner + o.loopGap * (1 + lane++);
    const ay = a.y + a.height * 0.65;
    const by = a.y + a.height * 0.35;
    laid.push({
      from: e.from,
      to: e.to,
      actions: e.actions,
      points: [
        { x: a.x + a.width, y: ay },
        { x: laneX, y: ay },
        { x: laneX, y: by },
        { x: a.x + a.width, y: by },
      ],
      back: true,
      label: { x: laneX, y: (ay + by) / 2 },
    });
  }
  return { nodes, edges: laid, width, height };
}

/** Splits text into lines of at most `max` characters, on spaces; at most `lines` lines, the last one cut with "…". */
export function wrapText(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= max || !current) current = candidate;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  if (out.length <= lines) return out.map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = `${last.length >= max ? last.slice(0, max - 1) : last}…`;
  return kept;
}
