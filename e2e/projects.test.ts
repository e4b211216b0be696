// Browser journey through the project library: the 督查室 (duchashi; in the demo county 县发展和改革局 keeps the library,
// but the e2e server seeds no project settings, and the 督查室 may import too) imports a county ledger (title rows, a
// two-row merged header, 亿元, a 合计 row), opens a project, records its 立项 and moves it from 储备 to 前期.
// Screenshots at 1440 px in test-results/.
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { journey, openTab, shot, SHOTS } from './browser.js';
import { demoSuite } from './server.js';

const suite = demoSuite();

async function ledgerFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['示例县2026年重大项目推进台账']); ws.mergeCells(1, 1, 1, 7);
  ws.addRow(['序号', '项目名称', '总投资', '牵头单位', '项目阶段', '包抓领导', '1-10月完成投资']);
  ws.addRow([null, null, '亿元', null, null, null, '万元']);
  for (const c of [1, 2, 4, 5, 6]) ws.mergeCells(2, c, 3, c);
  // 1-10月完成投资 goes into the monthly reports, which a 储备 project does not file: its figure is left blank here.
  ws.addRow([1, '浏览器测试新材料产业园', 2.5, '县发展和改革局', '储备', '张志强', null]);
  ws.addRow([2, '浏览器测试城区路网工程', 1.1, '县住房和城乡建设局', '谋划', '李明华', null]);
  ws.addRow([null, '合计', 3.6, null, null, null, 1200]);
  mkdirSync(SHOTS, { recursive: true });
  const path = resolve(SHOTS, 'e2e-ledger.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('项目库 in the browser', () => {
  it('import a ledger → open a project → record 立项 → move 储备 → 前期', async () => {
    const tab = await openTab(suite.browser());
    const { page } = tab;
    const file = await ledgerFile();
    await journey(tab, 'projects', async () => {
      await suite.signIn(page, 'duchashi');
      await page.getByTestId('home').waitFor();
      await page.goto(`${suite.url()}/projects`);
      await page.getByTestId('projects-table').waitFor();
      await page.getByTestId('project-import').click();
      await page.locator('.ant-modal input[type=file]').setInputFiles(file);
      await page.getByTestId('import-summary').waitFor();
      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-notes').waitFor();
      expect(await page.getByTestId('import-notes').innerText()).toContain('1-10月完成投资');
      await shot(page, 'projects-import');
      await page.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭|Close/ }).click();
      const link = page.getByTestId('projects-table').getByRole('link', { name: '浏览器测试新材料产业园' });
      await link.waitFor();
      await shot(page, 'projects-library', true);
      await link.click();
      await page.getByTestId('project-title').filter({ hasText: '浏览器测试新材料产业园' }).waitFor();
      expect(await page.getByTestId('project-facts').innerText()).toContain('25,000');
      await page.getByRole('tab', { name: '前期手续' }).click();
      await page.getByTestId('approval-initiation').click();
      await page.getByTestId('approval-actual').fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
      await page.getByTestId('approval-save').click();
      await page.getByTestId('next-approval').filter({ hasText: '用地预审与选址' }).waitFor();
      await page.getByTestId('project-move').click();
      await page.locator('.ant-modal').getByLabel('投资项目统一代码').fill('2026-990121-44-01-000777');
      await page.getByTestId('stage-save').click();
      await page.getByTestId('stage-save').waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: '阶段' }).click();
      await page.getByTestId('stage-history').filter({ hasText: '储备 → ' }).waitFor();
      expect(await page.getByTestId('stage-history').innerText()).toContain('前期');
      await shot(page, 'projects-page');
    });
    expect(tab.errors).toEqual([]);
  }, 180_000);
});
