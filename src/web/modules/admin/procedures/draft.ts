// The procedure editor's working copy: the definition split into form fields (lines of text, rows,
// JSON text for the e-form and the workflow) and put back together for publishing.
import type { Definition } from '../../services/types.ts';

type Component = Definition['components'][number];
type Fee = Definition['fees'][number];

/** The channels that may have their own time limit instead of the default one. */
export const LIMIT_CHANNELS = ['online', 'counter'] as const;
export type LimitChannel = (typeof LIMIT_CHANNELS)[number];
/** A time limit as typed: the value stays text until it is published. */
export interface LimitDraft {
  value: string;
  unit: string;
}
/** The editor field that shows the problems of a channel's limit. */
export const channelLimitField = (channel: LimitChannel) => `${channel}LimitValue`;

export interface Draft {
  code: string;
  name: string;
  nameEn: string;
  sectorCode: string;
  sectorName: string;
  steps: string;
  methods: string[];
  methodsText: string;
  components: Component[];
  limitValue: string;
  limitUnit: string;
  /** limits for one channel, when it differs from the default (absent: the default applies) */
  channelLimits: Partial<Record<LimitChannel, LimitDraft>>;
  timeLimitText: string;
  applicantTypes: string[];
  implementingAgencyText: string;
  competentKind: 'fixed' | 'receiving_commune';
  competentCode: string;
  resultType: string;
  resultName: string;
  fees: Fee[];
  legalBasis: string;
  serviceLevel: 'full' | 'partial';
  supplementDays: string;
  form: string;
  workflow: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Tolerates an incomplete definition (an imported file): what is missing starts empty. */
export function toDraft(input: Definition): Draft {
  const def = input as Partial<Definition>;
  const limit = def.timeLimit?.default;
  const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));
  return {
    code: def.code ?? '',
    name: def.name ?? '',
    nameEn: def.nameEn ?? '',
    sectorCode: def.sector?.code ?? '',
    sectorName: def.sector?.name ?? '',
    steps: (def.steps ?? []).join('\n'),
    methods: [...(def.methods ?? [])],
    methodsText: def.methodsText ?? '',
    components: (def.components ?? []).map((c) => ({ ...c })),
    limitValue: String(limit?.value ?? ''),
    limitUnit: limit?.unit ?? 'working_days',
    channelLimits: Object.fromEntries(
      LIMIT_CHANNELS.flatMap((c) => {
        const l = def.timeLimit?.[c];
        return l ? [[c, { value: String(l.value), unit: l.unit }]] : [];
      }),
    ),
    timeLimitText: def.timeLimitText ?? '',
    applicantTypes: [...(def.applicantTypes ?? [])],
    implementingAgencyText: def.implementingAgencyText ?? '',
    competentKind: def.competent?.kind ?? 'receiving_commune',
    competentCode: def.competent?.kind === 'fixed' ? def.competent.code : '',
    resultType: def.result?.type ?? 'paper',
    resultName: def.result?.name ?? '',
    fees: (def.fees ?? []).map((f) => ({ ...f })),
    legalBasis: (def.legalBasis ?? []).join('\n'),
    serviceLevel: def.serviceLevel ?? 'partial',
    supplementDays: String(def.supplementDays ?? 30),
    form: json(def.form),
    workflow: json(def.workflow),
  };
}

export type Built = { definition: Record<string, unknown>; problems: Record<string, string> };

/**
 * The definition to publish. Parts the editor does not show (the English sector name, English names and
 * notes of rows) are kept from the version it started from. JSON that does not parse is a problem of
 * its field; a time limit left empty stays empty (the schema then asks for it) rather than becoming 0.
 */
export function fromDraft(d: Draft, base: Definition | null, jsonError: (detail: string) => string): Built {
  const problems: Record<string, string> = {};
  const json = (field: 'form' | 'workflow') => {
    try {
      return JSON.parse(d[field]) as unknown;
    } catch (err) {
      problems[field] = jsonError((err as Error).message);
      return undefined;
    }
  };
  const optional = (text: string) => (text.trim() ? text.trim() : undefined);
  const limit = (value: string, unit: string) => ({
    value: value.trim() ? Number(value) : undefined,
    unit,
  });
  const definition: Record<string, unknown> = {
    ...(base ?? {}),
    code: d.code.trim(),
    name: d.name.trim(),
    nameEn: optional(d.nameEn),
    sector: { ...(base?.sector ?? {}), code: d.sectorCode.trim(), name: d.sectorName.trim() },
    steps: lines(d.steps),
    methods: d.methods,
    methodsText: optional(d.methodsText),
    components: d.components.map((c) => ({
      ...c,
      nameEn: c.nameEn?.trim() ? c.nameEn : undefined,
      note: c.note?.trim() ? c.note : undefined,
    })),
    timeLimit: {
      default: limit(d.limitValue, d.limitUnit),
      ...Object.fromEntries(
        LIMIT_CHANNELS.flatMap((c) => {
          const l = d.channelLimits[c];
          return l ? [[c, limit(l.value, l.unit)]] : [];
        }),
      ),
    },
    timeLimitText: d.timeLimitText.trim(),
    applicantTypes: d.applicantTypes,
    implementingAgencyText: d.implementingAgencyText.trim(),
    competent:
      d.competentKind === 'fixed'
        ? { kind: 'fixed', code: d.competentCode.trim() }
        : { kind: 'receiving_commune' },
    result: { type: d.resultType, name: d.resultName.trim() },
    fees: d.fees.map((f) => ({ ...f, note: f.note?.trim() ? f.note : undefined })),
    legalBasis: lines(d.legalBasis),
    serviceLevel: d.serviceLevel,
    supplementDays: Number(d.supplementDays),
    form: json('form'),
    workflow: json('workflow'),
  };
  for (const [k, v] of Object.entries(definition)) if (v === undefined) delete definition[k];
  return { definition, problems };
}

/** Fields whose problems are reported on the whole field, with the path inside it. */
const WHOLE = new Set(['form', 'workflow']);
const SIMPLE: Record<string, string> = {
  code: 'code',
  name: 'name',
  nameEn: 'nameEn',
  'sector.code': 'sectorCode',
  'sector.name': 'sectorName',
  steps: 'steps',
  methods: 'methods',
  methodsText: 'methodsText',
  timeLimit: 'limitValue',
  ...Object.fromEntries(LIMIT_CHANNELS.map((c) => [`timeLimit.${c}`, channelLimitField(c)])),
  timeLimitText: 'timeLimitText',
  applicantTypes: 'applicantTypes',
  implementingAgencyText: 'implementingAgencyText',
  competent: 'competentCode',
  'result.type': 'resultType',
  'result.name': 'resultName',
  legalBasis: 'legalBasis',
  serviceLevel: 'serviceLevel',
  supplementDays: 'supplementDays',
  components: 'components',
  fees: 'fees',
};

/**
 * The editor field a problem belongs to, from its path inside the definition ("workflow.steps.2.role",
 * "components.1.name"), and the part of the path worth showing beside the message.
 */
export function fieldOf(path: string): { field: string; inner?: string } {
  const parts = path.split('.').filter(Boolean);
  const head = parts[0] ?? '';
  if (WHOLE.has(head)) return { field: head, inner: parts.slice(1).join('.') || undefined };
  if ((head === 'components' || head === 'fees') && parts.length >= 3)
    return { field: `${head}.${parts[1]}.${parts[2]}` };
  for (let n = parts.length; n > 0; n--) {
    const found = SIMPLE[parts.slice(0, n).join('.')];
    if (found) return { field: found };
  }
  return { field: 'definition' };
}

/** Problems by editor field; several problems of one field are listed together. */
export function groupProblems(problems: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    const { field, inner } = fieldOf(p.path);
    const list = out[field] ?? [];
    list.push(inner ? `${inner}: ${p.message}` : p.message);
    out[field] = list;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...new Set(v)].join(' · ')]));
}
