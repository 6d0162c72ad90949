/**
 * RFC 5545 recurrence expansion, as much of it as the simulator models:
 * RRULE FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (weekly, monthly with ordinals,
 * daily as a filter), BYMONTHDAY (monthly), WKST (accepted, Monday assumed); RDATE and EXDATE.
 * Timed series expand in the wall time of start.timeZone, so DST changes keep the local time.
 */
import { apiErrors } from './google-error';
import type { EventTime } from './state';
import { addDays, dateStartUtc, utcToWall, wallToDate, wallToUtc } from './time';

type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
type Until = { kind: 'date'; date: string } | { kind: 'ms'; ms: number };

interface RRule {
  freq: Freq;
  interval: number;
  count?: number;
  until?: Until;
  byDay?: { ord?: number; wd: number }[];
  byMonthDay?: number[];
}

interface ParsedRecurrence {
  rules: RRule[];
  rdates: EventTime[];
  exdates: EventTime[];
}

export interface ExpandOptions {
  fromMs?: number;
  toMs?: number;
  limit: number;
  calendarTimeZone: string;
  durationMs: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const SUPPORTED_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
const MAX_STEPS = 20_000;

const invalidRule = () => apiErrors.invalid('Invalid recurrence rule.');

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dayToDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: number): number => (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function parseRule(body: string): RRule {
  const parts = new Map<string, string>();
  for (const kv of body.split(';').filter(Boolean)) {
    const [k, v] = kv.split('=');
    if (!k || v === undefined) throw invalidRule();
    const key = k.toUpperCase();
    if (!SUPPORTED_PARTS.has(key)) throw apiErrors.invalid(`The simulator does not support RRULE part ${key}.`);
    parts.set(key, v.toUpperCase());
  }
  const freq = parts.get('FREQ') as Freq | undefined;
  if (!freq || !['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) throw invalidRule();
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined;
  if (!Number.isInteger(interval) || interval < 1) throw invalidRule();
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw invalidRule();
  if (count !== undefined && parts.has('UNTIL')) throw invalidRule();
  const rule: RRule = { freq, interval, count };
  const until = parts.get('UNTIL');
  if (until) rule.until = parseUntil(until);
  const byDay = parts.get('BYDAY');
  if (byDay) rule.byDay = byDay.split(',').map(parseByDay);
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay) rule.byMonthDay = byMonthDay.split(',').map(parseMonthDay);
  return rule;
}

function parseByDay(token: string): { ord?: number; wd: number } {
  const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(token);
  if (!m) throw invalidRule();
  return { ord: m[1] ? Number(m[1]) : undefined, wd: WEEKDAYS.indexOf(m[2]) };
}

function parseMonthDay(token: string): number {
  const n = Number(token);
  if (!Number.isInteger(n) || n === 0 || Math.abs(n) > 31) throw invalidRule();
  return n;
}

function parseUntil(value: string): Until {
  const t = parseIcalValue(value, 'UTC');
  return t.kind === 'date' ? t : { kind: 'ms', ms: t.ms };
}

/** An iCalendar DATE or DATE-TIME value (UTC with Z, else local in `timeZone`). */
function parseIcalValue(value: string, timeZone: string): EventTime {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) throw invalidRule();
  if (m[4] === undefined) return { kind: 'date', date: `${m[1]}-${m[2]}-${m[3]}` };
  const wall = { y: +m[1], m: +m[2], d: +m[3], hh: +m[4], mm: +m[5], ss: +m[6] };
  const ms = m[7] ? Date.UTC(wall.y, wall.m - 1, wall.d, wall.hh, wall.mm, wall.ss) : wallToUtc(wall, timeZone);
  return { kind: 'dateTime', ms };
}

function parseDateList(line: string, eventTimeZone: string): EventTime[] {
  const colon = line.indexOf(':');
  if (colon < 0) throw invalidRule();
  const params = line.slice(0, colon).split(';').slice(1);
  const tzid = params.find((p) => p.toUpperCase().startsWith('TZID='))?.slice(5) ?? eventTimeZone;
  return line.slice(colon + 1).split(',').map((v) => parseIcalValue(v, tzid));
}

export function parseRecurrence(lines: string[], eventTimeZone: string): ParsedRecurrence {
  const parsed: ParsedRecurrence = { rules: [], rdates: [], exdates: [] };
  for (const raw of lines) {
    const line = String(raw).trim();
    const name = line.split(/[:;]/)[0].toUpperCase();
    if (name === 'RRULE') parsed.rules.push(parseRule(line.slice(line.indexOf(':') + 1)));
    else if (name === 'EXDATE') parsed.exdates.push(...parseDateList(line, eventTimeZone));
    else if (name === 'RDATE') parsed.rdates.push(...parseDateList(line, eventTimeZone));
    else if (name === 'EXRULE') throw apiErrors.invalid('The simulator does not support EXRULE.');
    else throw invalidRule();
  }
  return parsed;
}

/** Candidate days (day numbers since epoch) of a rule, ascending, starting at `startDay`. */
function* candidateDays(rule: RRule, startDay: number): Generator<number> {
  const step = rule.interval;
  if (rule.freq === 'DAILY') {
    for (let k = 0; k < MAX_STEPS; k++) {
      const day = startDay + k * step;
      if (!rule.byDay || rule.byDay.some((b) => b.wd === weekday(day))) yield day;
    }
  } else if (rule.freq === 'WEEKLY') {
    const wds = [...new Set((rule.byDay ?? [{ wd: weekday(startDay) }]).map((b) => b.wd))].sort((a, b) => a - b);
    const weekStart = startDay - weekday(startDay);
    for (let w = 0; w < MAX_STEPS; w++) {
      for (const wd of wds) {
        const day = weekStart + w * 7 * step + wd;
        if (day >= startDay) yield day;
      }
    }
  } else {
    const s = new Date(startDay * DAY_MS);
    for (let k = 0; k < MAX_STEPS; k++) {
      const months = s.getUTCFullYear() * 12 + s.getUTCMonth() + k * step * (rule.freq === 'YEARLY' ? 12 : 1);
      const y = Math.floor(months / 12);
      const m = (months % 12) + 1;
      const days = rule.freq === 'YEARLY' ? [s.getUTCDate()] : monthDays(rule, y, m, s.getUTCDate());
      for (const d of days) {
        if (d < 1 || d > daysInMonth(y, m)) continue;
        const day = Date.UTC(y, m - 1, d) / DAY_MS;
        if (day >= startDay) yield day;
      }
    }
  }
}

function monthDays(rule: RRule, y: number, m: number, startDate: number): number[] {
  const dim = daysInMonth(y, m);
  if (rule.byMonthDay) return rule.byMonthDay.map((n) => (n > 0 ? n : dim + n + 1)).sort((a, b) => a - b);
  if (!rule.byDay) return [startDate];
  const first = Date.UTC(y, m - 1, 1) / DAY_MS;
  const out: number[] = [];
  for (const { ord, wd } of rule.byDay) {
    const matches: number[] = [];
    for (let d = 1; d <= dim; d++) if (weekday(first + d - 1) === wd) matches.push(d);
    if (ord === undefined) out.push(...matches);
    else {
      const pick = ord > 0 ? matches[ord - 1] : matches[matches.length + ord];
      if (pick !== undefined) out.push(pick);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Start instant of an occurrence, for window comparisons. */
export function occurrenceStartMs(t: EventTime, calendarTimeZone: string): number {
  return t.kind === 'date' ? dateStartUtc(t.date, calendarTimeZone) : t.ms;
}

function occurrenceKey(t: EventTime, allDay: boolean, timeZone: string): string {
  if (t.kind === 'date') return `d:${t.date}`;
  return allDay ? `d:${wallToDate(utcToWall(t.ms, timeZone))}` : `t:${t.ms}`;
}

function withinUntil(occ: EventTime, until: Until | undefined, tz: string): boolean {
  if (!until) return true;
  if (occ.kind === 'date') return until.kind === 'date' ? occ.date <= until.date : dateStartUtc(occ.date, tz) <= until.ms;
  return until.kind === 'ms' ? occ.ms <= until.ms : occ.ms < dateStartUtc(addDays(until.date, 1), tz);
}

function expandRule(rule: RRule, start: EventTime, tz: string, opts: ExpandOptions): EventTime[] {
  const startDate = start.kind === 'date' ? start.date : wallToDate(utcToWall(start.ms, tz));
  const startWall = start.kind === 'dateTime' ? utcToWall(start.ms, tz) : undefined;
  const out: EventTime[] = [];
  let count = 0;
  for (const day of candidateDays(rule, dayNumber(startDate))) {
    const date = dayToDate(day);
    const occ: EventTime = startWall
      ? { kind: 'dateTime', ms: wallToUtc({ ...startWall, ...splitDate(date) }, tz), timeZone: tz }
      : { kind: 'date', date };
    if (!withinUntil(occ, rule.until, tz)) break;
    if (rule.count !== undefined && ++count > rule.count) break;
    const startMs = occurrenceStartMs(occ, opts.calendarTimeZone);
    if (opts.toMs !== undefined && startMs >= opts.toMs) break;
    if (opts.fromMs === undefined || startMs + opts.durationMs > opts.fromMs) out.push(occ);
    if (out.length >= opts.limit) break;
  }
  return out;
}

function splitDate(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d };
}

function removeExdate(byKey: Map<string, EventTime>, ex: EventTime, allDay: boolean, tz: string): void {
  if (allDay || ex.kind === 'dateTime') {
    byKey.delete(occurrenceKey(ex, allDay, tz));
    return;
  }
  for (const [key, occ] of byKey) {
    if (occ.kind === 'dateTime' && wallToDate(utcToWall(occ.ms, tz)) === ex.date) byKey.delete(key);
  }
}

/** Original start times of the occurrences of a series inside the window, ascending. */
export function expandOccurrences(start: EventTime, lines: string[], opts: ExpandOptions): EventTime[] {
  const tz = start.kind === 'dateTime' ? start.timeZone ?? opts.calendarTimeZone : opts.calendarTimeZone;
  const allDay = start.kind === 'date';
  const parsed = parseRecurrence(lines, tz);
  const byKey = new Map<string, EventTime>();
  for (const rule of parsed.rules) {
    for (const occ of expandRule(rule, start, tz, opts)) byKey.set(occurrenceKey(occ, allDay, tz), occ);
  }
  for (const r of parsed.rdates) {
    const occ: EventTime = allDay || r.kind === 'date' ? r : { kind: 'dateTime', ms: r.ms, timeZone: tz };
    const startMs = occurrenceStartMs(occ, opts.calendarTimeZone);
    const inWindow = (opts.toMs === undefined || startMs < opts.toMs) && (opts.fromMs === undefined || startMs + opts.durationMs > opts.fromMs);
    if (inWindow) byKey.set(occurrenceKey(occ, allDay, tz), occ);
  }
  for (const ex of parsed.exdates) removeExdate(byKey, ex, allDay, tz);
  return [...byKey.values()]
    .sort((a, b) => occurrenceStartMs(a, opts.calendarTimeZone) - occurrenceStartMs(b, opts.calendarTimeZone))
    .slice(0, opts.limit);
}
