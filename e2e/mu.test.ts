// Browser journey through the 亩均 evaluation on the demo county (registry and figures from the enterprises demo,
// 2024 and 2025 evaluations published by the mu demo): the 亩均 office (u16staff, 县经济和信息化局) opens the 2025
// scheme, is refused a weight change that breaks the 100-point total (the message at the group), evaluates, opens
// an enterprise's explanation, and publishes after confirming. Screenshots at 1440 px and 390 px in test-results/.
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
import { seedDemoEnterprises } from '../server/demo/demo-enterprises.js';
import { seedDemoMu } from '../server/demo/demo-mu.js';
import { buildXlsx } from '../test/xlsx.js';

let url = ''; let browser: Browser; let close: () => Promise<void>;

beforeAll(async () => {
  await buildWebIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-mu-eval-'));
  const database = openDatabase(`sqlite:${join(dir, 'luoshi.sqlite')}`);
  await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ database, config: testConfig({ dataDir: dir, uploadDir: join(dir, 'uploads') }), webDist: WEB_DIST });
  await seedDemo(ctx);
  await seedDemoEnterprises(ctx, DEMO.county.code);
  await seedDemoMu(ctx, DEMO.county.code);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launch();
  close = async () => { await app.close(); await database.close(); rmSync(dir, { recursive: true, force: true }); };
}, 240_000);
afterAll(async () => { await browser?.close(); await close?.(); });

async function signIn(page: Page, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-title').filter({ hasText: '用户登录' }).waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill('Demo@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('home').waitFor();
}

const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });

describe('亩均 evaluation in the browser', () => {
  it('the office checks the scheme, evaluates, opens an explanation and publishes', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await journey(tab, 'mu-evaluation', async () => {
      await signIn(page, 'u16staff');
      // The 亩均评价 group may open by itself (the office's menu); open it if not.
      if (!(await menuItem(page, '评价方案').isVisible())) await page.getByRole('menuitem', { name: /亩均评价/ }).click();
      await menuItem(page, '评价方案').click();
      await page.getByTestId('schemes-table').getByRole('link', { name: /2025年度/ }).click();
      await page.getByTestId('group-0').waitFor();
      expect(await page.getByTestId('group-0-weights').textContent()).toBe('权重合计 100');
      await shot(page, 'mu-scheme-editor', true);

      // 30 → 25: the weights add up to 95, refused with the reason at the group.
      const weight = page.getByTestId('group-0-weight-0');
      await weight.fill('25');
      await weight.blur();
      await page.getByTestId('scheme-save').click();
      await page.getByText('各指标权重合计应为 100，现为 95').waitFor();
      await shot(page, 'mu-scheme-refused');
      await weight.fill('30');
      await weight.blur();
      expect(await page.getByTestId('scheme-save').isDisabled()).toBe(true);

      // Evaluate with the version in use: a new 2025 draft beside the published run.
      await page.getByTestId('scheme-run').click();
      await page.waitForURL(/\/mu\/runs\/.+/);
      await page.getByTestId('results-table').getByTestId('result-open').first().waitFor();
      await page.getByText('草稿：仅亩均办可见').waitFor();
      await shot(page, 'mu-run-results', true);

      // An enterprise's explanation.
      await page.getByTestId('results-table').getByTestId('result-open').nth(2).click();
      const drawer = page.getByTestId('result-drawer');
      await drawer.getByTestId('result-item').first().waitFor();
      expect(await drawer.getByTestId('result-item').first().textContent()).toMatch(/亩均税收 [\d.]+ 万元\/亩，基准值 [\d.]+：得 [\d.]+ 分/);
      await drawer.getByText(/定为 [ABCD] 类/).first().waitFor();
      await drawer.getByTestId('adjust-editor').waitFor();
      await shot(page, 'mu-explanation');
      const dl = page.waitForEvent('download');
      await drawer.getByTestId('report-card').click();
      expect((await dl).suggestedFilename()).toMatch(/体检报告\.docx$/);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // Publish after confirming; the run is frozen (no re-run button).
      await page.getByTestId('run-publish').click();
      await page.locator('.ant-modal-confirm').getByText('发布后结果冻结').waitFor();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: /^发\s*布$/ }).click();
      await page.getByText(/结果已冻结/).waitFor();
      expect(await page.getByTestId('run-rerun').count()).toBe(0);
      await menuItem(page, '评价结果').click();
      await page.getByTestId('runs-table').waitFor();
      await page.getByTestId('runs-table').getByText('已发布').nth(2).waitFor();
      await shot(page, 'mu-runs');
    });
    await tab.page.close();
  }, 180_000);

  it('the office imports bonus/deduction inputs from a sheet and exports a run\'s results', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await journey(tab, 'mu-adjustments', async () => {
      await signIn(page, 'u16staff');
      if (!(await menuItem(page, '加减分事项').isVisible())) await page.getByRole('menuitem', { name: /亩均评价/ }).click();
      await menuItem(page, '加减分事项').click();
      await page.getByTestId('adj-table').waitFor();
      const tpl = page.waitForEvent('download');
      await page.getByTestId('adj-template').click();
      expect((await tpl).suggestedFilename()).toMatch(/^2025年度亩均评价加减分事项\.xlsx$/);

      // A list-layout sheet with one line: the preview names the enterprise and the change, then it is imported.
      const list = await (await page.request.get(`${url}/api/v1/enterprises?aboveScale=true&pageSize=5`)).json();
      const e = list.items[4] as { creditCode: string; name: string };
      const sheet = await buildXlsx({ titleRows: ['2025年度加减分事项明细'], header: ['统一社会信用代码', '企业名称', '事项', '数量', '备注'], rows: [[e.creditCode, e.name, '发生较大以上安全生产事故', 1, '应急管理局通报（e2e）']] });
      await page.getByTestId('adj-import').click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.locator('input[type=file]').setInputFiles({ name: '加减分事项.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
      await dialog.getByTestId('adj-changes').waitFor();
      expect(await dialog.getByTestId('adj-changes').innerText()).toContain(e.name);
      await shot(page, 'mu-adjustments-preview');
      await dialog.getByTestId('import-commit').click();
      await dialog.getByText('导入完成').waitFor();
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      await page.getByTestId('adj-search').locator('input').fill(e.creditCode);
      await page.getByTestId('adj-search').locator('input').press('Enter');
      await page.getByTestId('adj-table').getByText('应急管理局通报（e2e）').waitFor();
      await shot(page, 'mu-adjustments', true);

      // The results of a published run as a workbook.
      await menuItem(page, '评价结果').click();
      await page.getByTestId('runs-table').getByRole('link', { name: '2025' }).first().click();
      await page.getByTestId('result-open').first().waitFor();
      const dl = page.waitForEvent('download');
      await page.getByTestId('run-export').click();
      expect((await dl).suggestedFilename()).toMatch(/^2025年度亩均效益评价结果(（草稿）)?\.xlsx$/);
    });
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  }, 180_000);

  it('a leader reads the published results on a phone', async () => {
    const tab = await openTab(browser, 390);
    const { page } = tab;
    await journey(tab, 'mu-evaluation-phone', async () => {
      await signIn(page, 'liminghua');
      await page.goto(`${url}/mu/runs`);
      await page.getByTestId('runs-table').getByRole('link', { name: '2025' }).first().click();
      await page.getByTestId('result-open').first().waitFor();
      await shot(page, 'mu-run-phone');
      await page.getByTestId('result-open').first().click();
      await page.getByTestId('result-drawer').getByTestId('result-item').first().waitFor();
      expect(await page.getByTestId('adjust-editor').count()).toBe(0);
      await shot(page, 'mu-explanation-phone');
    });
    await tab.page.close();
  }, 120_000);
});
