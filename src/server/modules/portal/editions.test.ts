import { describe, expect, it } from 'vitest';
import {
  EDITION_TRANSITIONS,
  type EditionAction,
  type EditionActor,
  mayApprove,
  nextState,
  readerAnswer,
  slugify,
} from './editions.ts';
import { EDITION_STATES } from './tables.ts';

describe('edition transitions', () => {
  // Every cell of state × action × actor: allowed exactly where the table says.
  const actors: EditionActor[] = ['editor', 'reviewer', 'system'];
  for (const state of EDITION_STATES)
    for (const action of Object.keys(EDITION_TRANSITIONS) as EditionAction[])
      for (const actor of actors) {
        const t = EDITION_TRANSITIONS[action];
        const allowed = t.from.includes(state) && t.by.includes(actor);
        it(`${state} --${action}/${actor}--> ${allowed ? t.to : 'refused'}`, () => {
          const r = nextState(state, action, actor);
          expect(r.ok).toBe(allowed);
          if (r.ok) expect(r.to).toBe(t.to);
        });
      }

  it.each([
    ['draft', 'publish', 'reviewer', false],
    ['submitted', 'publish', 'reviewer', false],
    ['approved', 'publish', 'editor', true],
    ['scheduled', 'publish', 'editor', false],
    ['scheduled', 'publish_due', 'system', true],
    ['published', 'withdraw', 'editor', false],
    ['superseded', 'save', 'editor', false],
  ] as const)('%s --%s by %s: %s', (state, action, actor, ok) => {
    expect(nextState(state, action, actor).ok).toBe(ok);
  });

  it('the approver is a second person', () => {
    expect(mayApprove('a', { submittedBy: 'a', updatedBy: 'b' })).toBe(false);
    expect(mayApprove('b', { submittedBy: 'a', updatedBy: 'b' })).toBe(false);
    expect(mayApprove('c', { submittedBy: 'a', updatedBy: 'b' })).toBe(true);
  });

  it.each([
    ['published', 'page'],
    ['withdrawn', 'withdrawn'],
    ['redirected', 'redirect'],
    ['gone', 'gone'],
    ['draft', 'none'],
  ] as const)('readers of a %s edition get %s', (state, answer) => {
    expect(readerAnswer(state)).toBe(answer);
  });

  it.each([
    ['Thủ tục đất đai', 'thu-tuc-dat-dai'],
    ['  Đường Vành đai 4: khởi công!  ', 'duong-vanh-dai-4-khoi-cong'],
    ['City welcomes investors', 'city-welcomes-investors'],
  ])('slugify(%s) = %s', (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });
});
