import { describe, expect, it } from 'vitest';
import { ProcedureDefinition } from '../../src/contracts/services.ts';
import { DEMO_PROCEDURES } from '../../src/server/modules/services/catalogue/index.ts';
import { fieldOf, fromDraft, groupProblems, toDraft } from '../../src/web/modules/admin/procedures/draft.ts';

const jsonError = (detail: string) => `JSON: ${detail}`;

describe('the procedure editor draft', () => {
  it('gives back every demo procedure unchanged when nothing is edited', () => {
    for (const def of DEMO_PROCEDURES) {
      const { definition, problems } = fromDraft(toDraft(def), def, jsonError);
      expect(problems).toEqual({});
      expect(ProcedureDefinition.parse(definition)).toEqual(ProcedureDefinition.parse(def));
    }
  });

  it('applies edits: lines become lists, numbers are numbers, a fixed competent agency its code', () => {
    const def = DEMO_PROCEDURES[0]!;
    const draft = {
      ...toDraft(def),
      steps: 'Bước một\n\n  Bước hai  \n',
      limitValue: '12',
      limitUnit: 'calendar_days',
      competentKind: 'fixed' as const,
      competentCode: '000.00.21.H29',
    };
    const { definition } = fromDraft(draft, def, jsonError);
    expect(definition.steps).toEqual(['Bước một', 'Bước hai']);
    expect((definition.timeLimit as { default: unknown }).default).toEqual({
      value: 12,
      unit: 'calendar_days',
    });
    expect(definition.competent).toEqual({ kind: 'fixed', code: '000.00.21.H29' });
  });

  it('edits the per-channel time limits: kept, changed, added and removed', () => {
    const permit = DEMO_PROCEDURES.find((d) => d.timeLimit.online)!;
    const draft = toDraft(permit);
    expect(draft.channelLimits).toEqual({ online: { value: '15', unit: 'working_days' } });
    const timeLimit = (d: typeof draft) =>
      ProcedureDefinition.parse(fromDraft(d, permit, jsonError).definition).timeLimit;
    expect(
      timeLimit({
        ...draft,
        channelLimits: {
          online: { value: '12', unit: 'working_days' },
          counter: { value: '2', unit: 'months' },
        },
      }),
    ).toEqual({
      default: { value: 15, unit: 'working_days' },
      online: { value: 12, unit: 'working_days' },
      counter: { value: 2, unit: 'months' },
    });
    // removed in the editor: gone from the new version (the default applies), not kept from the base
    expect(timeLimit({ ...draft, channelLimits: {} })).toEqual({
      default: { value: 15, unit: 'working_days' },
    });
  });

  it('leaves an empty time limit empty, so that the schema asks for it at its field', () => {
    const def = DEMO_PROCEDURES[0]!;
    const draft = { ...toDraft(def), channelLimits: { online: { value: ' ', unit: 'hours' } } };
    const parsed = ProcedureDefinition.safeParse(fromDraft(draft, def, jsonError).definition);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['timeLimit.online.value']);
    expect(groupProblems(paths.map((path) => ({ path, message: 'bắt buộc' })))).toEqual({
      onlineLimitValue: 'bắt buộc',
    });
  });

  it('reports JSON that does not parse on its own field', () => {
    const def = DEMO_PROCEDURES[0]!;
    const { problems } = fromDraft({ ...toDraft(def), workflow: '{ "start": ' }, def, jsonError);
    expect(Object.keys(problems)).toEqual(['workflow']);
    expect(problems.workflow).toMatch(/^JSON: /);
  });

  it('opens an incomplete imported file with empty fields instead of failing', () => {
    const draft = toDraft({ code: '1.000001', name: 'Thủ tục thử' } as never);
    expect(draft.name).toBe('Thủ tục thử');
    expect(draft.components).toEqual([]);
    expect(draft.workflow).toBe('');
  });

  it('puts each server problem at the field that shows it', () => {
    expect(fieldOf('workflow.steps.2.role')).toEqual({ field: 'workflow', inner: 'steps.2.role' });
    expect(fieldOf('form.schema')).toEqual({ field: 'form', inner: 'schema' });
    expect(fieldOf('components.1.name')).toEqual({ field: 'components.1.name' });
    expect(fieldOf('fees.0.amount')).toEqual({ field: 'fees.0.amount' });
    expect(fieldOf('sector.name')).toEqual({ field: 'sectorName' });
    expect(fieldOf('timeLimit.default.value')).toEqual({ field: 'limitValue' });
    expect(fieldOf('timeLimit.online.value')).toEqual({ field: 'onlineLimitValue' });
    expect(fieldOf('timeLimit.counter.unit')).toEqual({ field: 'counterLimitValue' });
    expect(fieldOf('competent.code')).toEqual({ field: 'competentCode' });
    expect(fieldOf('')).toEqual({ field: 'definition' });
    expect(
      groupProblems([
        { path: 'workflow.start', message: 'không có' },
        { path: 'workflow.steps.1', message: 'không tới được' },
        { path: 'name', message: 'quá ngắn' },
      ]),
    ).toEqual({ workflow: 'start: không có · steps.1: không tới được', name: 'quá ngắn' });
  });
});
