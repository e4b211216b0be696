// Browser journey through the 企业库: u16staff (县经济和信息化局, the demo county's 亩均 office) opens the registry and
// an enterprise, then on 数据完整性 imports the tax bureau's 2026 sheet: a first file with a wrong check character is
// refused row by row, the fixed file is imported (元 → 万元), and the count of enterprises lacking 实缴税金 drops.
// Screenshots at 1440 px and the registry at 390 px, in test-results/.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journey, openTab, shot } from './browser.js';
import { demoSuite } from './server.js';
import { buildXlsx } from '../test/xlsx.js';

const suite = demoSuite('Demo@2026', { enterprises: true });

async function signIn(page: Page, username: string) {
  await suite.signIn(page, username);
  await page.getByTestId('home').waitFor();
}

const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });
const taxMissing = async (page: Page) => Number((await page.getByTestId('completeness-fields').getByRole('button', { name: /实缴税金/ }).innerText()).replace(/\D+/g, ''));

describe('企业库 in the browser', () => {
  it('the 亩均 office browses the registry, imports a tax sheet after fixing a flagged row, and sees completeness', async () => {
    const tab = await openTab(suite.browser());
    const { page } = tab;
    await journey(tab, 'enterprises', async () => {
      await signIn(page, 'u16staff');
      await menuItem(page, '企业库').click(); // under 亩均评价, open for the office
      await page.getByTestId('ent-table').getByRole('link').first().waitFor();
      await shot(page, 'enterprises-list');
      // A filter by 规上 keeps only above-size enterprises.
      await page.getByRole('combobox', { name: '规模' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="规上"]').click();
      await page.waitForURL(/aboveScale=true/);
      const first = page.getByTestId('ent-table').getByRole('link').first();
      const name = await first.innerText();
      await first.click();
      await page.getByTestId('ent-figures').waitFor();
      await expect.poll(() => page.getByTestId('ent-figures').locator('th').allInnerTexts()).toEqual(expect.arrayContaining(['2025', '2024']));
      await page.getByText(name).first().waitFor();
      await shot(page, 'enterprise-page', true);

      // 数据完整性 for 2026: nothing yet; the tax sheet arrives.
      await menuItem(page, '数据完整性').click();
      await page.getByTestId('completeness-fields').waitFor();
      await page.getByTestId('completeness-year').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2026' }).click();
      await page.waitForURL(/year=2026/);
      await expect.poll(() => taxMissing(page)).toBeGreaterThan(100);
      const before = await taxMissing(page);
      const list = await (await page.request.get(`${suite.url()}/api/v1/enterprises?aboveScale=true&pageSize=3`)).json();
      const codes: string[] = list.items.map((e: { creditCode: string }) => e.creditCode);
      const wrong = codes[1].slice(0, 17) + (codes[1][17] === '0' ? '1' : '0');
      const header = ['序号', '纳税人识别号', '纳税人名称', '实缴税金（元）'];
      const title = ['2026年度工业企业实缴税金明细表', '填报单位：国家税务总局示例县税务局'];
      const bad = await buildXlsx({ titleRows: title, header, rows: [[1, codes[0], list.items[0].name, 1_234_500], [2, wrong, list.items[1].name, 880_000], [3, codes[2], list.items[2].name, 456_000]] });
      const good = await buildXlsx({ titleRows: title, header, rows: [[1, codes[0], list.items[0].name, 1_234_500], [2, codes[1], list.items[1].name, 880_000], [3, codes[2], list.items[2].name, 456_000]] });

      await page.getByTestId('data-import').click();
      await page.getByRole('menuitem', { name: /^税务局/ }).click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.locator('input[type=file]').setInputFiles({ name: '税务局-2026.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
      await dialog.getByTestId('import-errors').waitFor();
      await expect.poll(() => dialog.getByTestId('import-errors').innerText()).toMatch(/校验位错误/);
      await shot(page, 'enterprise-import-errors');
      await dialog.getByRole('button', { name: /重新选择|再选|重选/ }).click();
      await dialog.locator('input[type=file]').setInputFiles({ name: '税务局-2026.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
      await dialog.getByTestId('import-commit').click();
      await dialog.getByTestId('data-import-units').waitFor();
      expect(await dialog.getByTestId('data-import-units').innerText()).toContain('元');
      await shot(page, 'enterprise-import-done');
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      await expect.poll(() => taxMissing(page)).toBe(before - 3);
      await page.getByTestId('batches-table').getByText('税务局-2026.xlsx').waitFor();
      await shot(page, 'enterprise-completeness', true);
    });
    expect(tab.errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('the registry on a phone (390 px)', async () => {
    const tab = await openTab(suite.browser(), 390);
    const { page } = tab;
    await journey(tab, 'enterprises-phone', async () => {
      await signIn(page, 'u16staff');
      await page.goto(`${suite.url()}/mu/enterprises`);
      await page.getByTestId('ent-table').waitFor();
      await page.getByText('示例县').first().waitFor();
      await shot(page, 'enterprises-list-390');
    });
    expect(tab.errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
