// Time is injected so that tests can move it. Business dates are in Asia/Shanghai.
import { randomUUID } from 'node:crypto';

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

export class TestClock implements Clock {
  constructor(private t = new Date('2026-11-30T02:00:00Z')) {}
  now(): Date { return new Date(this.t); }
  set(iso: string): void { this.t = new Date(iso); }
  advanceMinutes(m: number): void { this.t = new Date(this.t.getTime() + m * 60_000); }
}

export const iso = (d: Date): string => d.toISOString();

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An instant (ISO string or Date) as Asia/Shanghai 'YYYY-MM-DD HH:mm', or 'YYYY-MM-DD HH:mm:ss' with seconds (exports, logs). */
export function shanghaiDateTime(at: string | Date, withSeconds = false): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(t + 8 * 3600_000).toISOString().slice(0, withSeconds ? 19 : 16).replace('T', ' ');
}

/** Time-ordered ids: sort by creation, no coordination between processes. */
export function newId(): string {
  const t = Date.now().toString(36).padStart(9, '0');
  return t + randomUUID().replace(/-/g, '').slice(0, 16);
}
