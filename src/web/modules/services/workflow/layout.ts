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
  /** where the label goes: its centre, or (a step looping onto itself) the middle of its left or right side */
  label: { x: number; y: number; anchor: 'middle' | 'start' | 'end' };
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
  /** the size of an edge's label as drawn (labels wrap onto as many lines as they need) */
  labelSize: (edge: { from: string; to: string; actions: string[] }) => { width: number; height: number };
}

const DEFAULTS: LayoutOptions = {
  nodeWidth: 240,
  nodeHeight: () => 90,
  hGap: 48,
  vGap: 100,
  margin: 24,
  loopGap: 26,
  labelSize: () => ({ width: 150, height: 26 }),
};
/** Room between a label and the box above or below it (arrowheads included), and between two labels. */
const LABEL_PAD = 18;
const LABEL_SPACE = 10;

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

  // 4. Across: rows centred; a dummy point takes little room. Edges: their points' x, from the lower
  //    border of the upper box to the upper border of the lower one; a loop back runs the same way,
  //    shifted aside, with its arrow at the upper box.
  const DUMMY_WIDTH = 16;
  const BACK_SHIFT = 16;
  const isDummy = (k: string) => k.startsWith('\u0000');
  const widthOf = (k: string) => (isDummy(k) ? DUMMY_WIDTH : k === DONE ? 200 : o.nodeWidth);
  const heightOf = (k: string) => (isDummy(k) ? 0 : k === DONE ? 44 : o.nodeHeight(k));
  const rowWidth = (row: string[]) =>
    row.reduce((w, k) => w + widthOf(k), 0) + Math.max(0, row.length - 1) * o.hGap;
  const inner = Math.max(...rows.map(rowWidth), o.nodeWidth);
  const left = new Map<string, number>();
  for (const row of rows) {
    let x = o.margin + (inner - rowWidth(row)) / 2;
    for (const k of row) {
      left.set(k, x);
      x += widthOf(k) + o.hGap;
    }
  }
  const centreX = (k: string) => left.get(k)! + widthOf(k) / 2;
  const routes: Route[] = edges.map((e) => {
    const isBack = back.has(e);
    const chain = chains.get(e)!;
    const shift = isBack ? BACK_SHIFT : 0;
    const xs = chain.map((k, i) => centreX(k) + (i === 0 || i === chain.length - 1 ? 0 : shift));
    // Several edges leaving or entering one box spread along its border.
    const spread = (end: number, toward: number) => {
      const w = widthOf(chain[end]!);
      return xs[end]! + Math.max(-w / 3, Math.min(w / 3, (xs[toward]! - xs[end]!) / 3)) + shift;
    };
    xs[0] = spread(0, 1);
    xs[xs.length - 1] = spread(xs.length - 1, xs.length - 2);
    return { edge: e, back: isBack, chain, xs, size: o.labelSize(e) };
  });

  // 5. Down, row by row. The gap under a row holds the labels of the edges leaving it downwards
  //    (forward edges at its top, loops back at its bottom, each near the box it leaves); labels that
  //    would collide are stacked, and the gap grows until they all fit.
  const rowHeight = rows.map((row) => Math.max(0, ...row.map(heightOf)));
  const rowTop: number[] = [];
  const boxTop = (k: string) =>
    rowTop[layer.get(k) ?? 0]! + (rowHeight[layer.get(k) ?? 0]! - heightOf(k)) / 2;
  const labelAt = new Map<Route, { x: number; y: number }>();
  let y = o.margin;
  for (let r = 0; r < rows.length; r++) {
    rowTop[r] = y;
    const top = y + rowHeight[r]!;
    const here = routes.filter((route) => (layer.get(route.chain[0]!) ?? 0) === r);
    let gap = o.vGap;
    for (let attempt = 0; ; attempt++) {
      // the next row's top as if this gap were final (the edges' first segments end there)
      rowTop[r + 1] = top + gap;
      const placed = placeLabels(here, top, gap, (route) => [
        { x: route.xs[0]!, y: boxTop(route.chain[0]!) + heightOf(route.chain[0]!) },
        { x: route.xs[1]!, y: boxTop(route.chain[1]!) },
      ]);
      const needed = Math.max(o.vGap, placed.needed);
      if (needed <= gap || attempt === 5 || r === rows.length - 1) {
        for (const [route, at] of placed.at) labelAt.set(route, at);
        break;
      }
      gap = needed;
    }
    y = top + gap;
  }
  rowTop.length = rows.length;
  const height = rowTop[rows.length - 1]! + rowHeight[rows.length - 1]! + o.margin;
  const nodes: LaidNode[] = rows
    .flat()
    .filter((k) => !isDummy(k))
    .map((k) => ({
      key: k,
      kind: k === DONE ? 'done' : 'step',
      layer: layer.get(k) ?? 0,
      x: left.get(k)!,
      y: boxTop(k),
      width: widthOf(k),
      height: heightOf(k),
    }));
  const box = new Map(nodes.map((n) => [n.key, n]));
  const laid: LaidEdge[] = routes.map((route) => {
    const { chain, xs } = route;
    // a dummy point is the middle of its row (its box has no height)
    const points = chain.map((k, i) => ({ x: xs[i]!, y: boxTop(k) + (i === 0 ? heightOf(k) : 0) }));
    if (route.back) points.reverse();
    const at = labelAt.get(route)!;
    return {
      from: route.edge.from,
      to: route.edge.to,
      actions: route.edge.actions,
      points,
      back: route.back,
      label: { ...at, anchor: 'middle' as const },
    };
  });

  // 6. A step that loops onto itself: a small lane at the right of every row. Its label goes between
  //    the row's last box and the lane when it fits there, else right of every lane (the drawing widens).
  let lane = 0;
  let extra = 0;
  const loops = selfLoops.length;
  for (const e of selfLoops) {
    const a = box.get(e.from)!;
    const laneX = o.margin + inner + o.loopGap * (1 + lane++);
    // out low and back high, far enough apart for a label of a few lines between them
    const ay = a.y + a.height * 0.8;
    const by = a.y + a.height * 0.2;
    const rowRight = Math.max(...nodes.filter((n) => n.layer === a.layer).map((n) => n.x + n.width));
    const { width } = o.labelSize(e);
    const fits = width <= laneX - rowRight - 2 * LABEL_SPACE;
    if (!fits) extra = Math.max(extra, LABEL_SPACE + width);
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
      label: fits
        ? { x: laneX - LABEL_SPACE, y: (ay + by) / 2, anchor: 'end' }
        : { x: o.margin + inner + o.loopGap * loops + LABEL_SPACE, y: (ay + by) / 2, anchor: 'start' },
    });
  }
  const width = o.margin * 2 + inner + (loops ? (loops + 1) * o.loopGap : 0) + extra;
  return { nodes, edges: laid, width, height };
}

interface Route {
  edge: Edge;
  back: boolean;
  /** the edge's keys from the upper box down to the lower one, dummy points between */
  chain: string[];
  /** x of each point of the chain */
  xs: number[];
  size: { width: number; height: number };
}

type Point = { x: number; y: number };
type Rect = { x: number; y: number; width: number; height: number };

/**
 * Places the labels of the edges leaving one row downwards in the gap under it (from `top`, `gap`
 * high): each on its edge's first segment, forward edges from the top of the gap down, loops back from
 * the bottom up, a label that would collide with one already placed moved past it. Gives the label
 * centres and the gap they need.
 */
function placeLabels(
  routes: Route[],
  top: number,
  gap: number,
  segment: (route: Route) => [Point, Point],
): { at: Map<Route, Point>; needed: number } {
  const at = new Map<Route, Point>();
  // how far each stack reaches into the gap from its own side (its outer padding included)
  const reach = { forward: 0, back: 0 };
  for (const direction of ['forward', 'back'] as const) {
    const down = direction === 'forward';
    const placed: Rect[] = [];
    for (const route of routes
      .filter((r) => r.back !== down)
      .sort((a, b) => a.xs[0]! - b.xs[0]! || a.xs[1]! - b.xs[1]!)) {
      const [p0, p1] = segment(route);
      const { width: w, height: h } = route.size;
      const xAt = (y: number) =>
        p0.x + (p1.x - p0.x) * Math.max(0, Math.min(1, (y - p0.y) / Math.max(1, p1.y - p0.y)));
      let y = down ? top + LABEL_PAD + h / 2 : top + gap - LABEL_PAD - h / 2;
      let rect: Rect = { x: xAt(y) - w / 2, y: y - h / 2, width: w, height: h };
      // Each move passes the label it collided with, so this ends after as many moves as labels placed.
      for (let hit = placed.find((p) => collide(p, rect)); hit; hit = placed.find((p) => collide(p, rect))) {
        y = down ? hit.y + hit.height + LABEL_SPACE + h / 2 : hit.y - LABEL_SPACE - h / 2;
        rect = { x: xAt(y) - w / 2, y: y - h / 2, width: w, height: h };
      }
      placed.push(rect);
      at.set(route, { x: rect.x + w / 2, y });
      reach[direction] = Math.max(reach[direction], down ? rect.y + h - top : top + gap - rect.y);
    }
  }
  // the two stacks apart, or the one stack clear of the arrowheads on the other side
  const needed =
    reach.forward && reach.back
      ? reach.forward + LABEL_SPACE + reach.back
      : reach.forward + reach.back + (reach.forward || reach.back ? LABEL_PAD : 0);
  return { at, needed };
}

/** Two labels too close to read apart. */
const collide = (a: Rect, b: Rect) =>
  a.x < b.x + b.width + LABEL_SPACE &&
  b.x < a.x + a.width + LABEL_SPACE &&
  a.y < b.y + b.height + LABEL_SPACE &&
  b.y < a.y + a.height + LABEL_SPACE;

/**
 * Splits text into lines of at most `max` characters, on spaces, with nothing left out: a word longer
 * than a line (a code, an address) is split across lines.
 */
export function wrapText(text: string, max: number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const chars = [...word];
    if (current.length && current.length + 1 + chars.length <= max) current.push(' ', ...chars);
    else {
      if (current.length) out.push(current.join(''));
      current = chars;
      while (current.length > max) out.push(current.splice(0, max).join(''));
    }
  }
  if (current.length) out.push(current.join(''));
  return out;
}
