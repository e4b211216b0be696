// A county with one project and the people around it, for the project-tracking tests (reports, problems, milestones).
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import { newId } from '../server/platform/clock.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';

export interface TrackingWorld {
  region: string; leadUnit: string; otherUnit: string; office: string;
  sup: Client; staff: Client; otherStaff: Client; leader: Client; viewer: Client;
  supUser: TestUser; staffUser: TestUser; leaderUser: TestUser;
  /** Signs everyone in again (after the test clock jumped past the idle timeout). */
  relogin(): Promise<void>;
}

export async function buildTrackingWorld(app: FastifyInstance, ctx: Ctx): Promise<TrackingWorld> {
  const region = (await buildRegion(ctx)).code;
  const leadUnit = (await buildUnit(ctx, region, { name: `县住建局${region}` })).id;
  const otherUnit = (await buildUnit(ctx, region, { name: `县自然资源局${region}` })).id;
  const office = (await buildUnit(ctx, region, { kind: 'office', name: `县政府督查室${region}` })).id;
  const supUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'], displayName: '督查员' });
  const staffUser = await buildUser(ctx, { regionCode: region, unitId: leadUnit, roles: ['unit_staff'], displayName: '住建局填报员' });
  const otherUser = await buildUser(ctx, { regionCode: region, unitId: otherUnit, roles: ['unit_staff'] });
  const leaderUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'], displayName: '李副县长' });
  const viewerUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['viewer'] });
  await buildLeader(ctx, leaderUser, [leadUnit]);
  const login = async (u: TestUser) => { const c = new Client(app); await c.login(u, ctx); return c; };
  const w: TrackingWorld = {
    region, leadUnit, otherUnit, office, supUser, staffUser, leaderUser,
    sup: await login(supUser), staff: await login(staffUser), otherStaff: await login(otherUser), leader: await login(leaderUser), viewer: await login(viewerUser),
    relogin: async () => {
      w.sup = await login(supUser); w.staff = await login(staffUser); w.otherStaff = await login(otherUser); w.leader = await login(leaderUser); w.viewer = await login(viewerUser);
    },
  };
  return w;
}

export async function insertProject(ctx: Ctx, w: Pick<TrackingWorld, 'region' | 'leadUnit' | 'leaderUser'>, o: {
  name?: string; stage?: string; plannedStart?: string | null; actualStart?: string | null; yearPlans?: Record<number, number>; totalInvestment?: number; category?: string;
} = {}) {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const serial = `XM-${Math.random().toString(36).slice(2, 8)}`;
  await ctx.db.insertInto('projects').values({
    id, regionCode: w.region, serial, name: o.name ?? `测试项目${serial}`, projectCode: null, category: o.category ?? '产业', industryCode: null, townshipCode: null,
    ownerName: null, ownerCreditCode: null, content: null, totalInvestment: o.totalInvestment ?? 50000, plannedStart: o.plannedStart ?? '2026-02-01',
    actualStart: o.actualStart === undefined ? '2026-03-01' : o.actualStart, plannedCompletion: '2028-12-31', actualCompletion: null,
    leaderUserId: w.leaderUser.id, leadUnitId: w.leadUnit, taskForce: null, planSummary: null, stage: o.stage ?? 'construction', stageSince: '2026-03-01',
    createdBy: null, createdAt: now, updatedAt: now,
  }).execute();
  for (const [year, planned] of Object.entries(o.yearPlans ?? { 2026: 1200 })) {
    await ctx.db.insertInto('projectYearPlans').values({ projectId: id, year: Number(year), plannedInvestment: planned }).execute();
  }
  return { id, serial };
}
