// The working-day calendar: the official schedule (chinese-days, 调休 included) with the administrator's corrections.
import chineseDays from 'chinese-days';
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Database } from '../../db/database.js';
import { nextNumber } from '../../db/counters.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { shanghaiDate } from '../../platform/clock.js';
import { Invalid } from '../../platform/errors.js';
import { addDays, makeCalendar, OFFICIAL_YEARS, type WorkCalendar } from '../../platform/calendar/working-days.js';

/** Bumped (counters) in the transaction of every change to the administrator's entries. */
const VERSION_KEY = 'calendar-version';

/**
 * The calendar's state in one cheap statement: the version every change bumps, and — in case a row was written some
 * other way — the entries' count and latest change, and the confirmed years' count.
 */
async function calendarStamp(trx: Trx): Promise<string> {
  const r = await trx.selectNoFrom((eb) => [
    eb.selectFrom('counters').select('value').where('key', '=', VERSION_KEY).as('version'),
    eb.selectFrom('calendarDays').select((e) => e.fn.countAll<number>().as('n')).as('days'),
    eb.selectFrom('calendarDays').select((e) => e.fn.max('updatedAt').as('m')).as('changed'),
    eb.selectFrom('calendarYears').select((e) => e.fn.countAll<number>().as('n')).as('years'),
  ]).executeTakeFirstOrThrow();
  return `${r.version ?? 0}|${r.days}|${r.changed ?? ''}|${r.years}`;
}

/** The built calendar per database, with the stamp it was read under (each process keeps its own). */
const built = new WeakMap<Database, { stamp: string; calendar: Promise<WorkCalendar> }>();

async function buildCalendar(trx: Trx): Promise<WorkCalendar> {
  const [days, years] = await Promise.all([
    trx.selectFrom('calendarDays').select(['date', 'workday']).execute(),
    trx.selectFrom('calendarYears').select('year').execute(),
  ]);
  return makeCalendar(new Map(days.map((d) => [d.date, !!d.workday])), [...OFFICIAL_YEARS, ...years.map((y) => y.year)]);
}

/**
 * The calendar in force. Built once and kept while its stamp holds: each call reads the stamp (one small statement)
 * and rebuilds when an administrator's change — from this process or another — has moved it. The stamp is read
 * before the entries, so a calendar is never kept under a stamp newer than what it was built from. Inside a
 * transaction the result is not kept: it may see the transaction's own, uncommitted, changes.
 */
export async function loadCalendar(ctx: Ctx, trx: Trx = ctx.db): Promise<WorkCalendar> {
  const stamp = await calendarStamp(trx);
  const kept = built.get(ctx.database);
  if (kept && kept.stamp === stamp) return kept.calendar;
  const calendar = buildCalendar(trx);
  if (!trx.isTransaction) {
    const entry = { stamp, calendar };
    built.set(ctx.database, entry);
    calendar.catch(() => { if (built.get(ctx.database) === entry) built.delete(ctx.database); });
  }
  return calendar;
}

/** A day the administrator may enter: a real date in the years the calendar pages cover. */
function checkDate(date: string) {
  const y = Number(date.slice(0, 4)); const t = Date.parse(`${date}T00:00:00Z`);
  if (!(y >= 2000 && y <= 2100) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) throw new Invalid({ field: 'date', code: 'invalid.value' });
}

export async function calendarYear(ctx: Ctx, actor: Actor, year: number) {
  const cal = await loadCalendar(ctx);
  const overrides = await ctx.db.selectFrom('calendarDays').selectAll().where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const confirmed = await ctx.db.selectFrom('calendarYears').selectAll().where('year', '=', year).executeTakeFirst();
  const official = OFFICIAL_YEARS.includes(year);
  // Only the days that differ from an ordinary week: holidays on weekdays, working weekends, and every override.
  const days: { date: string; workday: boolean; name: string | null; source: 'official' | 'admin' }[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const o = byDate.get(d);
    const work = cal.isWorkday(d);
    if (o) days.push({ date: d, workday: !!o.workday, name: o.name, source: 'admin' });
    else if (work === weekend) {
      const detail = official ? chineseDays.getDayDetail(d) : null;
      days.push({ date: d, workday: work, name: detail?.name?.split(',')[1] ?? null, source: 'official' });
    }
  }
  const today = shanghaiDate(ctx.clock.now());
  const nextYear = Number(today.slice(0, 4)) + 1;
  const nextKnown = OFFICIAL_YEARS.includes(nextYear) || !!(await ctx.db.selectFrom('calendarYears').select('year').where('year', '=', nextYear).executeTakeFirst());
  void actor;
  return { year, official, confirmed: !!confirmed, days, warning: nextKnown ? null : { code: 'calendar.nextYearMissing', year: nextYear } };
}

export async function setDay(ctx: Ctx, actor: Actor, date: string, workday: boolean, name: string | null) {
  authorize(actor, 'settings.write');
  checkDate(date);
  await inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('calendarDays').selectAll().where('date', '=', date).executeTakeFirst();
    await nextNumber(trx, VERSION_KEY);
    const row = { workday: workday ? 1 : 0, name, updatedAt: ctx.clock.now().toISOString(), updatedBy: actor.userId };
    await trx.insertInto('calendarDays').values({ date, ...row }).onConflict((oc) => oc.column('date').doUpdateSet(row)).execute();
    await audit(ctx, trx, actor, { action: 'calendar.set_day', entityType: 'calendar', entityId: date, before, after: { date, workday, name } });
  });
}

export async function clearDay(ctx: Ctx, actor: Actor, date: string) {
  authorize(actor, 'settings.write');
  await inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('calendarDays').selectAll().where('date', '=', date).executeTakeFirst();
    await trx.deleteFrom('calendarDays').where('date', '=', date).execute();
    await nextNumber(trx, VERSION_KEY);
    await audit(ctx, trx, actor, { action: 'calendar.clear_day', entityType: 'calendar', entityId: date, before });
  });
}

/** The administrator says the year's schedule (entered by hand) is complete. */
export async function confirmYear(ctx: Ctx, actor: Actor, year: number) {
  authorize(actor, 'settings.write');
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('calendarYears').values({ year, confirmedAt: ctx.clock.now().toISOString(), confirmedBy: actor.userId })
      .onConflict((oc) => oc.column('year').doNothing()).execute();
    await nextNumber(trx, VERSION_KEY);
    await audit(ctx, trx, actor, { action: 'calendar.confirm_year', entityType: 'calendar', entityId: String(year) });
  });
}
