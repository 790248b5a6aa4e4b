// The iCalendar object of a meeting invitation (RFC 5545, sent as iMIP, RFC 6047). One event per
// meeting with a UID that never changes; every change the members must see raises SEQUENCE, so a
// calendar client replaces the entry it holds (REQUEST) or removes it (CANCEL). Times are UTC.

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface MeetingEvent {
  method: CalendarMethod;
  /** `meeting-<id>@<host>`: the same for the invitation, its updates and its cancellation */
  uid: string;
  sequence: number;
  /** when this version of the object was made */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  urgent?: boolean;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** 2026-12-11T01:00:00.000Z → 20261211T010000Z */
export function icsTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, with the characters a quoted value may not hold removed. */
const param = (s: string) => `"${s.replace(/["\r\n]/g, '')}"`;

/**
 * Content lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 sequence:
 * Vietnamese letters take two or three octets each (RFC 5545 §3.1).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // a continuation line starts with one space
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function meetingIcs(e: MeetingEvent): string {
  const cancelled = e.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//CQS Chinh quyen so//Hop khong giay//VI',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${icsTime(e.stamp)}`,
    `DTSTART:${icsTime(e.start)}`,
    `DTEND:${icsTime(e.end)}`,
    `SUMMARY:${icsText(e.summary)}`,
    ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
    ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(e.urgent ? ['PRIORITY:1'] : []),
    `ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`,
    // Replies are given in the app (attend how, absent why, a named substitute), not by the calendar.
    `ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${e.attendee.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
