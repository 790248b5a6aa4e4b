import { describe, expect, it } from 'vitest';
import { foldLine, icsText, meetingIcs } from './ics.ts';

const unfold = (s: string) => s.replace(/\r\n /g, '');
const base = {
  uid: 'meeting-3f1c@cqs.example',
  sequence: 0,
  stamp: new Date('2026-12-07T03:00:00Z'),
  start: new Date('2026-12-11T01:00:00Z'),
  end: new Date('2026-12-11T04:30:00Z'),
  summary: 'Phiên họp thường kỳ tháng 12, Ủy ban nhân dân Thành phố',
  location: 'Phòng họp số 2; tầng 3',
  organizer: { name: 'Văn phòng UBND', email: 'no-reply@cqs.example' },
  attendee: { name: 'Nguyễn Văn "An"', email: 'an@cqs.example' },
};

describe('the invitation as iCalendar', () => {
  it('a request: UTC times, escaped text, a stable UID and its sequence, CRLF line ends', () => {
    const ics = meetingIcs({ ...base, method: 'REQUEST' });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('UID:meeting-3f1c@cqs.example');
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('DTSTART:20261211T010000Z');
    expect(lines).toContain('DTEND:20261211T043000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('SUMMARY:Phiên họp thường kỳ tháng 12\\, Ủy ban nhân dân Thành phố');
    expect(lines).toContain('LOCATION:Phòng họp số 2\\; tầng 3');
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toBe(
      'ATTENDEE;CN="Nguyễn Văn An";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:an@cqs.example',
    );
    expect(lines).not.toContain('PRIORITY:1');
  });

  it('a cancellation keeps the UID and says CANCELLED; an urgent meeting has the highest priority', () => {
    const ics = unfold(meetingIcs({ ...base, method: 'CANCEL', sequence: 2, urgent: true })).split('\r\n');
    expect(ics).toEqual(
      expect.arrayContaining([
        'METHOD:CANCEL',
        'UID:meeting-3f1c@cqs.example',
        'SEQUENCE:2',
        'STATUS:CANCELLED',
        'PRIORITY:1',
      ]),
    );
  });

  it('folds at 75 octets without splitting a Vietnamese letter, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${icsText('Tờ trình dự thảo Quyết định ban hành quy định phân cấp quản lý quy hoạch xây dựng; ý kiến các sở, ngành')}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(unfold(folded)).toBe(line);
    expect(Buffer.from(folded, 'utf8').toString('utf8')).not.toContain('\uFFFD');
  });

  it('escapes backslashes, commas, semicolons and line breaks', () => {
    expect(icsText('a\\b, c; d\ne')).toBe('a\\\\b\\, c\\; d\\ne');
  });
});
