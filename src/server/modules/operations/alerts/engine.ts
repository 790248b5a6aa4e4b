// Runs the rules over readings as they are stored and over time (stale data), keeping each
// (rule, datastream)'s state in memory; what changes is written by `applyDecisions`. State is rebuilt
// at start from the active alerts, so a restart neither forgets nor repeats an alert.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { Logger } from '../../../platform/log.ts';
import type { QueuedReading } from '../sensors/ingest.ts';
import type { SensorRegistry, StreamInfo } from '../sensors/registry.ts';
import { alertRules, alerts } from '../tables.ts';
import { applyDecisions, type Decided, type RuleRow } from './incidents.ts';
import { initialState, onReading, onTick, parseRule, type Rule, type StreamState } from './rules.ts';

interface LoadedRule {
  row: RuleRow;
  rule: Rule;
}

export const streamSource = (streamId: string) => `datastream:${streamId}`;

export class AlertEngine {
  private rules: LoadedRule[] = [];
  private states = new Map<string, StreamState>();
  private matches = new Map<string, LoadedRule[]>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly registry: SensorRegistry,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    const rows = await this.db.select().from(alertRules).where(eq(alertRules.enabled, true));
    const rules: LoadedRule[] = [];
    for (const row of rows) {
      try {
        rules.push({ row, rule: parseRule(row.kind, row.params) });
      } catch (err) {
        this.log.warn(
          { rule: row.code, err: (err as Error).message },
          'alert rule skipped: invalid parameters',
        );
      }
    }
    const states = new Map<string, StreamState>();
    for (const a of await this.db.select().from(alerts).where(eq(alerts.status, 'active'))) {
      const streamId = a.sourceKey.startsWith('datastream:') ? a.sourceKey.slice('datastream:'.length) : null;
      if (!streamId) continue;
      states.set(
        `${a.ruleId}|${streamId}`,
        initialState(a.severity, this.registry.stream(streamId)?.lastTime),
      );
    }
    this.rules = rules;
    this.states = states;
    this.matches.clear();
  }

  private rulesFor(stream: StreamInfo): LoadedRule[] {
    let list = this.matches.get(stream.id);
    if (!list) {
      list = this.rules.filter(
        ({ row }) =>
          row.observedProperty === stream.observedProperty &&
          (!row.thingKind || row.thingKind === stream.thing.kind) &&
          (!row.thingCode || row.thingCode === stream.thing.code),
      );
      this.matches.set(stream.id, list);
    }
    return list;
  }

  private decided(r: LoadedRule, stream: StreamInfo, transition: Decided['transition']): Decided {
    return {
      rule: r.row,
      sourceKey: streamSource(stream.id),
      sourceLabel: `${stream.thing.name} · ${stream.observedProperty}`,
      thingId: stream.thing.id,
      thingCode: stream.thing.code,
      communeCode: stream.thing.communeCode,
      agencyCode: null,
      transition,
    };
  }

  private stateOf(key: string, stream: StreamInfo): StreamState {
    return this.states.get(key) ?? initialState(null, stream.lastTime);
  }

  /** Readings just stored (and impossible ones refused), in any order. */
  evaluate(readings: QueuedReading[]): Promise<void> {
    const out: Decided[] = [];
    const sorted = readings.length > 1 ? [...readings].sort((a, b) => a.t - b.t) : readings;
    for (const r of sorted) {
      for (const lr of this.rulesFor(r.stream)) {
        const key = `${lr.row.id}|${r.stream.id}`;
        const step = onReading(lr.rule, this.stateOf(key, r.stream), r);
        this.states.set(key, step.state);
        if (step.transition) out.push(this.decided(lr, r.stream, step.transition));
      }
    }
    return this.write(out);
  }

  /** The passing of time: streams silent for too long become stale. */
  tick(now = Date.now()): Promise<void> {
    const out: Decided[] = [];
    for (const stream of this.registry.streams()) {
      for (const lr of this.rulesFor(stream)) {
        if (lr.rule.kind !== 'stale') continue;
        const key = `${lr.row.id}|${stream.id}`;
        const step = onTick(lr.rule, this.stateOf(key, stream), now, {
          expectedIntervalSeconds: stream.expectedIntervalSeconds,
          calibrating: stream.thing.status === 'calibrating',
        });
        this.states.set(key, step.state);
        if (step.transition) out.push(this.decided(lr, stream, step.transition));
      }
    }
    return this.write(out);
  }

  /** An operator resolved the alert: if the condition persists, the next reading raises a new one. */
  forget(ruleId: string, sourceKey: string): void {
    if (!sourceKey.startsWith('datastream:')) return;
    const key = `${ruleId}|${sourceKey.slice('datastream:'.length)}`;
    const s = this.states.get(key);
    if (s) this.states.set(key, { ...s, severity: null, pending: undefined });
  }

  private write(out: Decided[]): Promise<void> {
    if (out.length === 0) return this.chain;
    this.chain = this.chain.then(() =>
      applyDecisions(this.db, out).catch((err: Error) =>
        this.log.error({ err: err.message }, 'alerts not written'),
      ),
    );
    return this.chain;
  }
}
