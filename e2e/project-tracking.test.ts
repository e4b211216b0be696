// Browser journey through project tracking: the lead unit's liaison opens the project page (Gantt chart), files last
// month's report on the form that starts from the month before, and raises a problem; the 督查室
// finds the problem's task in 督办台, opens it and follows the link back to the project; the overview draws its
// ECharts chart and tables, the battle map draws the Gantt chart with its flags. Screenshots at 1440 and 390 px.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO, seedDemo } from '../server/demo/demo-county.js';
import { seedDemoProjectTracking } from '../server/demo/demo-project-tracking.js';
import { newId } from '../server/platform/clock.js';
import { journey, launch, openTab, shot } from './browser.js';
import { buildWebIfStale } from './build-web.js';
import { WEB_DIST } from './server.js';

let url = ''; let close: () => Promise<void> = async () => {};
let browser: Browser;
let staffName = ''; let projectId = '';
const PROJECT = '城东污水处理厂提标改造';
const PROBLEM = '管网迁改涉及用地红线调整，征地补偿方案未批复';
/** Last month, 'YYYY-MM' (the report now due). */
/** A 1×1 PNG: a photo of the 形象进度 for the report. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const LAST_MONTH = (() => { const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`; })();

beforeAll(async () => {
  await buildWebIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-'));
  const database = openDatabase(`sqlite:${join(dir, 'luoshi.sqlite')}`);
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ database, config: testConfig({ dataDir: dir, uploadDir: join(dir, 'uploads') }), webDist: WEB_DIST });
  await seedDemo(ctx);
  // A few projects of the library, as its demo would have them.
  const region = DEMO.county.code;
  const unit = await ctx.db.selectFrom('units').select(['id']).where('regionCode', '=', region).where('name', '=', '县住房和城乡建设局').executeTakeFirstOrThrow();
  const leader = await ctx.db.selectFrom('users').select('id').where('username', '=', 'liminghua').executeTakeFirstOrThrow();
  staffName = (await ctx.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select('users.username')
    .where('users.unitId', '=', unit.id).where('userRoles.role', '=', 'unit_staff').orderBy('users.username').executeTakeFirstOrThrow()).username;
  const now = new Date().toISOString();
  const year = new Date().getFullYear();
  const names = [PROJECT, '城西片区棚户区改造', '滨河路综合管廊', '县第二人民医院新院区', '开发区标准厂房三期'];
  for (const [i, name] of names.entries()) {
    const id = newId();
    if (i === 0) projectId = id;
    await ctx.db.insertInto('projects').values({
      id, regionCode: region, serial: `${year}-${String(i + 1).padStart(3, '0')}`, name, projectCode: null, category: ['基础设施', '社会民生', '产业'][i % 3], industryCode: null,
      townshipCode: null, ownerName: null, ownerCreditCode: null, content: null, totalInvestment: 30000 + i * 8000, plannedStart: `${year}-02-15`,
      actualStart: i === 4 ? null : `${year}-03-01`, plannedCompletion: `${year + 1}-12-31`, actualCompletion: null, leaderUserId: leader.id, leadUnitId: unit.id,
      taskForce: null, planSummary: null, stage: i === 4 ? 'preparation' : 'construction', stageSince: `${year}-03-01`, createdBy: null, createdAt: now, updatedAt: now,
    }).execute();
    await ctx.db.insertInto('projectYearPlans').values({ projectId: id, year, plannedInvestment: 8000 + i * 1000 }).execute();
  }
  await seedDemoProjectTracking(ctx, region);
  // The project's own October report is left for the browser to file.
  await ctx.db.deleteFrom('projectReports').where('projectId', '=', projectId).where('period', '=', LAST_MONTH).execute();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  close = async () => { await app.close(); await database.close(); rmSync(dir, { recursive: true, force: true }); };
  browser = await launch();
}, 240_000);
afterAll(async () => { await browser?.close(); await close(); });

async function signIn(page: Page, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-title').filter({ hasText: '用户登录' }).waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('home').waitFor();
}
describe('重大项目推进 in the browser', () => {
  it('report and problem by the lead unit → the task in 督办台 → overview chart and battle map', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await journey(tab, 'project-tracking', async () => {
      await signIn(page, staffName);
      // The project page: the battle map tab draws the Gantt chart of the project's milestones.
      await page.goto(`${url}/projects/${projectId}?tab=milestones`);
      await page.getByTestId('gantt').waitFor();
      expect(await page.getByTestId('gantt').locator('g[data-state="done"]').count()).toBeGreaterThan(0);
      await shot(page, 'project-milestones-1440', true);
      // 月报: the form starts from last month's report; the cumulative figure is derived.
      await page.getByTestId('project-tabs').getByRole('tab', { name: '月报' }).click();
      const form = page.getByTestId('report-form');
      await form.waitFor();
      expect(await form.locator('textarea').first().inputValue()).not.toBe(''); // carried over from the month before
      await page.getByTestId('report-amount').fill('650');
      await page.getByTestId('report-progress').fill('二沉池主体完工，设备安装60%');
      // An optional photo, picked before filing (on a phone the picker offers the camera), goes up with the report.
      const picker = form.locator('input[type=file]');
      expect(await picker.getAttribute('accept')).toBe('image/*');
      await picker.setInputFiles({ name: '二沉池.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
      await form.getByTestId('report-photos-pending').locator('img').waitFor();
      await page.getByTestId('report-submit').click();
      await page.getByTestId('report-list').getByRole('cell', { name: LAST_MONTH }).waitFor();
      await page.getByTestId('report-list').locator('tr', { hasText: LAST_MONTH }).getByText('650').waitFor();
      await page.getByTestId('report-list').locator('tr', { hasText: LAST_MONTH }).getByText('1 张照片').waitFor();
      const thumb = form.getByTestId(`report-photos-${LAST_MONTH}`).locator('img').first();
      await thumb.waitFor();
      await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
      await shot(page, 'project-reports-1440', true);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'project-reports-390');
      await page.setViewportSize({ width: 1440, height: 900 });
      // The unit removes its photo: once the month has closed, only with a reason (kept with the corrections).
      const closed = (await form.getByText('已截止').count()) > 0;
      await form.getByTestId(`report-photos-${LAST_MONTH}`).getByRole('button', { name: /删\s*除/ }).click();
      if (closed) {
        await page.getByTestId('report-photo-reason').fill('误传了其他项目的照片');
        await page.locator('.ant-modal:visible').getByRole('button', { name: /删\s*除/ }).click();
      } else await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('report-list').locator('tr', { hasText: LAST_MONTH }).getByText('1 张照片').waitFor({ state: 'detached' });
      // 问题: raised on the project, it becomes a task of the loop.
      await page.getByTestId('project-tabs').getByRole('tab', { name: '问题' }).click();
      await page.getByTestId('raise-problem').click();
      await page.getByTestId('problem-desc').fill(PROBLEM);
      await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('problem').filter({ hasText: PROBLEM }).waitFor();
      await shot(page, 'project-problems-1440');
      await page.context().clearCookies();

      // The 督查室 sees the task, opens it, and finds its project.
      await signIn(page, 'duchashi');
      await page.goto(`${url}/tasks/console?source=project_issue`);
      const link = page.getByTestId('tasks-table').getByRole('link', { name: new RegExp(`【用地】${PROJECT}：${PROBLEM.slice(0, 6)}`) });
      await link.waitFor();
      await link.click();
      await page.getByTestId('task-project-link').waitFor();
      expect(await page.getByTestId('task-project-link').getAttribute('href')).toBe(`/projects/${projectId}`);
      await shot(page, 'project-task-1440');

      // Overview: the chart (ECharts canvas), the laggards, the report status.
      await page.goto(`${url}/projects/overview`);
      await page.getByTestId('investment-chart').locator('canvas').waitFor();
      await page.getByTestId('laggards').locator('tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByTestId('report-status').textContent()).toMatch(/月报：应报 \d+，已报 \d+/);
      expect(await page.getByTestId('laggards').textContent()).toMatch(/落后序时进度|未开工/);
      await shot(page, 'project-overview-1440', true);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('investment-chart').locator('canvas').waitFor();
      await shot(page, 'project-overview-390');

      // Battle map: one Gantt chart, a heading per project, done (red) and overdue (black) flags.
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${url}/projects/battle-map`);
      const gantt = page.getByTestId('battle-map');
      await gantt.waitFor();
      expect(await gantt.locator('g[data-state="done"]').count()).toBeGreaterThan(0);
      expect(await gantt.textContent()).toContain(PROJECT);
      await shot(page, 'project-battle-map-1440', true);
      await page.setViewportSize({ width: 390, height: 844 });
      await gantt.waitFor();
      await shot(page, 'project-battle-map-390');
    });
    expect(tab.errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
