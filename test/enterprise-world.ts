// A county for the enterprise tests: the 亩均 office (its admin and staff), a township with its government's staff,
// another bureau's staff, a supervisor and a leader; helpers to register enterprises with valid credit codes.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import { putSetting } from '../server/platform/settings.js';
import { buildCreditCode } from '../server/modules/enterprises/credit-code.js';
import { buildLeader, buildRegion, buildUnit, buildUser, type Client } from './factories.js';
import { signIn } from './world.js';

export interface EnterpriseWorld {
  region: string; township: string; otherTownship: string; officeUnitId: string;
  office: { admin: Client; staff: Client }; townshipStaff: Client; otherTownshipStaff: Client; otherUnitStaff: Client;
  supervisor: Client; leader: Client; viewer: Client;
}

let seq = 0;
/** A valid credit code, different on every call (area = the region code). */
export function nextCreditCode(region: string): string {
  seq++;
  return buildCreditCode('91', region.slice(0, 6), `MA${String(100000 + ((seq * 7919 + Date.now()) % 900000)).padStart(6, '0')}`);
}

export async function buildEnterpriseWorld(app: FastifyInstance, ctx: Ctx): Promise<EnterpriseWorld> {
  const region = (await buildRegion(ctx)).code;
  const township = `${region}101`;
  const otherTownship = `${region}102`;
  await ctx.db.insertInto('regions').values([
    { code: township, name: `青石镇${region}`, level: 'township', parentCode: region },
    { code: otherTownship, name: `白马乡${region}`, level: 'township', parentCode: region },
  ]).execute();
  const office = await buildUnit(ctx, region, { name: `县经济和信息化局${region}` });
  const twUnit = await buildUnit(ctx, region, { name: `青石镇${region}人民政府`, kind: 'township' });
  const otherTwUnit = await buildUnit(ctx, region, { name: `白马乡${region}人民政府`, kind: 'township' });
  const otherUnit = await buildUnit(ctx, region, { name: `县财政局${region}` });
  const hq = await buildUnit(ctx, region, { name: `县政府督查室${region}`, kind: 'office' });
  await putSetting(ctx, ctx.db, 'mu.officeUnitIds', [office.id]);
  const u = async (unitId: string, role: 'unit_admin' | 'unit_staff' | 'supervisor' | 'leader' | 'viewer') =>
    signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId, roles: [role] }));
  const leaderUser = await buildUser(ctx, { regionCode: region, unitId: hq.id, roles: ['leader'] });
  await buildLeader(ctx, leaderUser, [otherUnit.id]);
  return {
    region, township, otherTownship, officeUnitId: office.id,
    office: { admin: await u(office.id, 'unit_admin'), staff: await u(office.id, 'unit_staff') },
    townshipStaff: await u(twUnit.id, 'unit_staff'), otherTownshipStaff: await u(otherTwUnit.id, 'unit_staff'),
    otherUnitStaff: await u(otherUnit.id, 'unit_staff'),
    supervisor: await u(hq.id, 'supervisor'), leader: await signIn(app, ctx, leaderUser), viewer: await u(hq.id, 'viewer'),
  };
}
