// A generated county of a given size, for benchmarks: units and users (later modules add their rows here).
import type { Ctx } from '../context.js';
import { newId } from '../platform/clock.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Role } from '../../common/roles.js';

export interface SyntheticOptions { regionCode: string; regionName: string; units: number; users: number; password: string; onProgress?: (done: number, total: number) => void }

export async function seedSynthetic(ctx: Ctx, o: SyntheticOptions): Promise<{ regionCode: string; units: number; users: number }> {
  const now = ctx.clock.now().toISOString();
  const hash = await hashPassword(o.password);
  const exists = await ctx.db.selectFrom('regions').select('code').where('code', '=', o.regionCode).executeTakeFirst();
  if (!exists) await ctx.db.insertInto('regions').values({ code: o.regionCode, name: o.regionName, level: 'county', parentCode: null }).execute();
  const unitIds: string[] = [];
  const prefix = `s${o.regionCode}`;
  for (let start = 0; start < o.units; start += 500) {
    const rows = Array.from({ length: Math.min(500, o.units - start) }, (_, k) => {
      const i = start + k; const id = newId() + i.toString(36);
      unitIds.push(id);
      return { id, regionCode: o.regionCode, name: `合成单位${String(i + 1).padStart(5, '0')}`, shortName: null, kind: i % 4 === 0 ? 'township' : 'bureau', parentId: null, sortOrder: i, phone: null, createdAt: now, updatedAt: now };
    });
    await ctx.db.insertInto('units').values(rows).execute();
  }
  const batch = 500;
  for (let start = 0; start < o.users; start += batch) {
    const n = Math.min(batch, o.users - start);
    const users = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      return { id: newId() + i.toString(36), regionCode: o.regionCode, unitId: unitIds[i % unitIds.length] ?? null, username: `${prefix}_${i}`, displayName: `用户${i}`, title: null, phone: null, passwordHash: hash, mustChangePassword: 0, createdAt: now, updatedAt: now };
    });
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(users).execute();
      const roles: { userId: string; role: Role }[] = users.map((u, k) => ({ userId: u.id, role: (start + k) % 10 === 0 ? 'unit_admin' : 'unit_staff' }));
      await trx.insertInto('userRoles').values(roles).execute();
    });
    o.onProgress?.(start + n, o.users);
  }
  return { regionCode: o.regionCode, units: o.units, users: o.users };
}
