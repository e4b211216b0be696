// Browser journey through 亩均 政策清单 and 统计分析 on the demo county with three published evaluations (2023–2025,
// written straight into the run tables: these pages read published runs only) and the demo policies:
// the 亩均 office (u16staff, 县经济和信息化局) opens the analysis — class counts, per-mu yields, class moves, scores —
// and exports a table; adds a policy (a bad percentage is refused in place, then saved); opens the D-class surcharge
// list with consecutive years and exports it for the power company. A township (u31staff, 城关镇) sees its own
// enterprises only and no editing; a leader reads the analysis on a phone. Screenshots in test-results/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { journey, launch, openTab, shot } from './browser.js';
import { buildWebIfStale } from './build-web.js';
import { WEB_DIST } from './server.js';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO, seedDemo } from '../server/demo/demo-county.js';
import { seedDemoMuPolicies } from '../server/demo/demo-mu-policies.js';
import { insertRun, setMuOffice, type FixtureResult } from '../test/mu-analysis-fixtures.js';

let url = ''; let browser: Browser; let close: () => Promise<void>;

beforeAll(async () => {
  await buildWebIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-mu-'));
  const database = openDatabase(`sqlite:${join(dir, 'luoshi.sqlite')}`);
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ database, config: testConfig({ dataDir: dir, uploadDir: join(dir, 'uploads') }), webDist: WEB_DIST });
  await seedDemo(ctx);
  const office = await ctx.db.selectFrom('units').select('id').where('regionCode', '=', DEMO.county.code).where('name', '=', '县经济和信息化局').executeTakeFirstOrThrow();
  await setMuOffice(ctx, [office.id]);
  const towns = await ctx.db.selectFrom('regions').select('code').where('parentCode', '=', DEMO.county.code).where('level', '=', 'township').orderBy('code').execute();
  // 60 enterprises over the townships, deterministic; classes by rank within each group (20/40/35/5 %).
  let seed = 11;
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const parks = ['示例县经济开发区', '城东工业园', null];
  const industries = ['C3411', 'C3311', 'C2929', 'C1711', 'C3911', null];
  const ents = Array.from({ length: 60 }, (_, i) => ({ i, quality: rnd(), below: i % 4 === 0 }));
  for (const year of [2023, 2024, 2025]) {
    const rows = ents.map((e) => {
      const q = Math.min(1, Math.max(0, e.quality + (rnd() - 0.5) * 0.2));
      const land = Math.round((e.below ? 4 + rnd() * 6 : 20 + rnd() * 100) * 10) / 10;
      return { e, land, tax: Math.round(land * (2 + q * 40) * 100) / 100, valueAdded: Math.round(land * (10 + q * 150) * 100) / 100, total: Math.round((30 + q * 90) * 10) / 10 };
    });
    const results: FixtureResult[] = [];
    for (const below of [false, true]) {
      const g = rows.filter((r) => r.e.below === below).sort((a, b) => b.total - a.total);
      g.forEach((r, k) => {
        const share = (k + 1) / g.length;
        results.push({
          id: `e2e-mu-${r.e.i}`, name: `示例${['精工', '纺织', '新材料', '电子'][r.e.i % 4]}${r.e.i}号有限公司`, townshipCode: towns[r.e.i % towns.length].code,
          park: parks[r.e.i % 3], industryCode: industries[r.e.i % 6], groupKey: below ? 'below' : 'above', groupName: below ? '规下工业企业' : '规上工业企业',
          class: share <= 0.2 ? 'A' : share <= 0.6 ? 'B' : share <= 0.95 ? 'C' : 'D', total: r.total, tax: r.tax, valueAdded: r.valueAdded, land: r.land,
        });
      });
    }
    await insertRun(ctx, DEMO.county.code, year, results, 'published', `${year + 1}-04-15T02:00:00.000Z`);
  }
  await seedDemoMuPolicies(ctx, DEMO.county.code, 2023);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launch();
  close = async () => { await app.close(); await database.close(); rmSync(dir, { recursive: true, force: true }); };
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
});

async function signIn(page: Page, username: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('home').waitFor();
}

const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });
const chartReady = (page: Page, id: string) => page.locator(`[data-testid="${id}"][data-ready="yes"]`).waitFor();

describe('亩均 政策清单 and 统计分析 in the browser', () => {
  it('the 亩均 office reads the analysis, adds a policy, opens a list and exports it', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await journey(tab, 'mu-analysis', async () => {
      await signIn(page, 'u16staff');
      await page.goto(`${url}/mu/analysis`);
      await menuItem(page, '统计分析').waitFor(); // the menu opens 亩均评价 → 统计分析 on its page
      await page.getByTestId('table-classes').waitFor();
      await chartReady(page, 'chart-classes');
      await page.getByText('2025 年度结果，发布于 2026年4月15日 10:00').waitFor();
      await page.getByTestId('table-classes').locator('.ant-table-summary').getByText('合计').waitFor();
      await shot(page, 'mu-analysis-classes', true);
      const [classes] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      expect(classes.suggestedFilename()).toBe('2025年度分乡镇（街道）评价等级统计.xlsx');

      await page.getByRole('tab', { name: '亩均效益' }).click();
      await page.getByTestId('per-mu-method').getByText(/合计税收.*合计用地面积/).waitFor();
      await chartReady(page, 'chart-per-mu');
      await shot(page, 'mu-analysis-per-mu', true);

      await page.getByRole('tab', { name: '等级变动' }).click();
      await page.getByTestId('transitions-summary').getByText(/与 2024 年度已发布结果相比：升级 \d+ 家，降级 \d+ 家，持平 \d+ 家/).waitFor();
      await chartReady(page, 'chart-transitions');
      await shot(page, 'mu-analysis-transitions', true);

      await page.getByRole('tab', { name: '得分分布' }).click();
      await chartReady(page, 'chart-scores');
      await page.getByTestId('table-scores').locator('tbody tr.ant-table-row').first().waitFor();
      await shot(page, 'mu-analysis-scores', true);

      // 政策清单: the demo policies; add one, with a bad percentage first.
      await menuItem(page, '政策清单').click();
      await page.getByTestId('policies-table').getByText('城镇土地使用税减免').first().waitFor();
      await page.getByTestId('policy-create').click();
      await page.getByTestId('policy-name').fill('企业技术改造补助');
      await page.getByTestId('policy-body').locator('input').fill('县经济和信息化局');
      await page.getByLabel('数值').first().fill('120');
      await page.getByTestId('policy-save').click();
      await page.getByText('减免比例须在 0 至 100 之间（%）').waitFor();
      await shot(page, 'mu-policy-editor-error');
      await page.getByLabel('数值').first().fill('50');
      await page.getByTestId('policy-save').click();
      await page.getByText('已新建政策“企业技术改造补助”').waitFor();
      await page.getByTestId('policies-table').getByText('企业技术改造补助').first().waitFor();
      await shot(page, 'mu-policies', true);

      // The D-class surcharge list: consecutive years in D, the surcharge by tier; Excel for the power company.
      await page.getByTestId('policies-table').getByRole('link', { name: 'D 类企业差别化电价' }).first().click();
      await page.getByTestId('policy-list-table').waitFor();
      await page.getByTestId('policy-list-counts').getByText(/D 类 \d+ 家/).waitFor();
      const terms = await page.getByTestId('policy-list-table').getByText(/^加价 0\.[123] 元\/千瓦时$/).count();
      expect(terms).toBeGreaterThan(0);
      await shot(page, 'mu-policy-list', true);
      const [list] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      expect(list.suggestedFilename()).toBe('D 类企业差别化电价-2025年度执行名单.xlsx');
    });
    // The one refused save (the 120% reduction) is logged by the browser as a failed request; nothing else may fail.
    expect(tab.errors.filter((e) => !/status of 400 \(Bad Request\) @ http:\/\/127\.0\.0\.1:\d+\/api\/v1\/mu\/policies$/.test(e))).toEqual([]);
  }, 300_000);

  it('a township sees its own enterprises and no editing; a leader reads the analysis on a phone', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await journey(tab, 'mu-township', async () => {
      await signIn(page, 'u31staff');
      await page.goto(`${url}/mu/policies`);
      await page.getByTestId('policies-table').getByText('城镇土地使用税减免').first().waitFor();
      expect(await page.getByTestId('policy-create').count()).toBe(0);
      await page.getByTestId('policies-table').getByRole('link', { name: '城镇土地使用税减免' }).first().click();
      await page.getByTestId('policy-list-table').waitFor();
      const towns = await page.getByTestId('policy-list-table').locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();
      expect(towns.length).toBeGreaterThan(0);
      expect(new Set(towns)).toEqual(new Set(['城关镇']));
      await shot(page, 'mu-policy-list-township');
    });
    expect(tab.errors).toEqual([]);

    const phone = await openTab(browser, 390);
    await journey(phone, 'mu-phone', async () => {
      await signIn(phone.page, 'liminghua');
      await phone.page.goto(`${url}/mu/analysis?tab=transitions`);
      await chartReady(phone.page, 'chart-transitions');
      await shot(phone.page, 'mu-analysis-phone', true);
      await phone.page.goto(`${url}/mu/policies`);
      await phone.page.getByTestId('policies-table').getByText('差别化水价').waitFor();
      await shot(phone.page, 'mu-policies-phone', true);
    });
    expect(phone.errors).toEqual([]);
  }, 300_000);
});
