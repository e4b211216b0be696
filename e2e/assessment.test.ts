// Browser journey through 督查考核, 通报 and 减负监测 over the demo county's year of tasks: duchashi (督查室) opens the
// ranking, one unit's breakdown, exports it to Excel; previews the bulletin and downloads the .docx; opens the burden
// meter. Screenshots at 1440 px and 390 px in test-results/.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { docxText, unzipEntry } from '../test/unzip.js';
import { journey, openTab, shot, type Tab } from './browser.js';
import { demoSuite } from './server.js';

const suite = demoSuite('Demo@2026', { tasks: true });

const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path!);
}

async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => { rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))); });
  return rows;
}

describe('督查考核、通报、减负监测 in the browser', () => {
  // One signed-in tab through the steps; each step has its own time budget (the machine may be loaded).
  let tab: Tab;
  let page: Page;

  it('duchashi signs in', async () => {
    tab = await openTab(suite.browser());
    page = tab.page;
    await suite.signIn(page, 'duchashi');
    await page.getByTestId('home').waitFor();
  }, 120_000);

  it("ranking → a unit's breakdown → Excel", async () => {
    await journey(tab, 'assessment', async () => {
      // 督查考核: this year to date, the ranking with ranks, the results-only statement and the weights.
      await menuItem(page, '督查考核').click();
      const table = page.getByTestId('assess-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      await expect.poll(() => table.getByTestId('assess-unit').count(), { timeout: 30_000 }).toBeGreaterThan(10);
      await page.getByTestId('results-only').getByText('只考核结果').waitFor();
      expect(await page.getByTestId('weights').innerText()).toMatch(/按期办结 \d+ 分/);
      const firstRow = table.locator('tbody tr.ant-table-row').first();
      expect((await firstRow.locator('td').first().innerText()).trim()).toBe('1');
      await shot(page, 'assessment-1440');

      // 季度: the current quarter to date; the URL keeps the period.
      await page.getByTestId('period').getByText('季度', { exact: true }).click();
      await page.waitForURL(/period=quarter/);
      await expect.poll(() => page.getByTestId('period').locator('.ant-picker input').inputValue(), { timeout: 30_000 }).toMatch(/^\d{4}年第[1-4]季度$/);
      await page.getByTestId('period').getByText('年度', { exact: true }).click();
      await page.waitForURL(/period=year/);
      await table.locator('tbody tr.ant-table-row').first().waitFor();

      // One unit's breakdown: the score explained and the tasks behind it, each a link to its task page.
      const unitName = (await firstRow.getByTestId('assess-unit').innerText()).trim();
      await firstRow.getByTestId('assess-unit').click();
      const drawer = page.getByTestId('assess-breakdown');
      await drawer.getByTestId('assess-explanation').waitFor();
      expect(await drawer.getByTestId('assess-explanation').innerText()).toMatch(/^得分 [\d.]+：/);
      await page.waitForURL(/unit=/);
      await drawer.getByText('本期交办的事项').click();
      const taskLink = drawer.locator('a[href^="/tasks/"]').first();
      await taskLink.waitFor();
      expect(await page.locator('.ant-drawer-title').innerText()).toContain(unitName);
      await shot(page, 'assessment-unit-1440');
      await page.locator('.ant-drawer-close').click();
      await page.waitForURL((u) => !u.searchParams.has('unit'));

      // Excel of the same ranking: a real .xlsx with the header and a row per unit.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/^督查考核-\d{4}-01-01至\d{4}-\d{2}-\d{2}\.xlsx$/);
      const rows = await sheetRows(await saved(xlsx));
      const header = rows.findIndex((r) => r[0] === '排名');
      expect(header).toBeGreaterThanOrEqual(0);
      expect(rows[header]).toContain('单位');
      expect(rows.length - header - 1).toBeGreaterThan(10);
      expect(rows[header + 1][0]).toBe('1');

      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' }).catch(() => {});
    });
  }, 240_000);

  it('bulletin preview → .docx', async () => {
    await journey(tab, 'bulletin', async () => {
      // 通报: last month by default; counts by colour, the red list, the ranking; the .docx in the official layout.
      await menuItem(page, '督查通报').click();
      const preview = page.getByTestId('bulletin-preview');
      await preview.waitFor();
      expect(await page.getByTestId('bulletin-title').innerText()).toMatch(/^关于\d{4}年\d{1,2}月重点工作督查情况的通报$/);
      expect(await page.getByTestId('bulletin-rag').innerText()).toMatch(/红灯\s*\d+/);
      await page.getByTestId('bulletin-ranking').locator('tbody tr.ant-table-row').first().waitFor();
      await page.getByTestId('bulletin-number').fill('示督查〔2026〕11期');
      await shot(page, 'bulletin-1440');
      const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
      expect(docx.suggestedFilename()).toMatch(/\.docx$/);
      const text = docxText(unzipEntry(await saved(docx), 'word/document.xml')!);
      expect(text).toContain('示督查〔2026〕11期');
      expect(text).toMatch(/关于\d{4}年\d{1,2}月重点工作督查情况的通报/);
    });
  }, 240_000);

  it('burden meter', async () => {
    await journey(tab, 'burden', async () => {
      // 减负监测: a row per unit with the load and the results, months inside.
      await menuItem(page, '减负监测').click();
      const burden = page.getByTestId('burden-table');
      await burden.locator('tbody tr.ant-table-row').first().waitFor();
      await expect.poll(() => burden.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(10);
      await page.getByTestId('burden-explain').getByText('无变化').waitFor();
      await shot(page, 'burden-1440');
    });
  }, 240_000);

  it('phones: cards', async () => {
    await journey(tab, 'phones', async () => {
      // Phones: cards instead of tables.
      await page.setViewportSize({ width: 390, height: 844 });
      const burden = page.getByTestId('burden-table');
      await burden.locator('.ant-card').first().waitFor();
      await page.getByTestId('burden-sort').waitFor();
      await shot(page, 'burden-390');
      await page.goto(`${suite.url()}/tasks/bulletins`);
      await page.getByTestId('bulletin-ranking').locator('.ant-card').first().waitFor();
      await shot(page, 'bulletin-390');
      await page.goto(`${suite.url()}/tasks/assessment`);
      await page.getByTestId('assess-table').locator('.ant-card').first().waitFor();
      await shot(page, 'assessment-390');
      await page.getByTestId('assess-table').getByTestId('assess-unit').first().click();
      await page.getByTestId('assess-breakdown').getByTestId('assess-explanation').waitFor();
      await shot(page, 'assessment-unit-390');
    });
  }, 240_000);

  it('English', async () => {
    await journey(tab, 'english', async () => {
      // In English, the same page in the other language's words.
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${suite.url()}/tasks/assessment`);
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Assessment' }).waitFor();
      await page.getByTestId('results-only').getByText('Results only, never activity').waitFor();
      await shot(page, 'assessment-en-1440');
    });
  }, 240_000);

  it('no console errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
