// Browser journey through the task loop: duchashi (督查室) assigns a task to 县财政局 from 督办台; u03staff
// (县财政局's liaison) finds it in 我的待办, accepts it and reports 50%; duchashi opens the task and sees the history.
// Screenshots at 1440 px: the console, the inbox, the task page, in test-results/ (the README's picture is taken
// from the full demo county by hand, not by the tests: a test run must not change tracked files).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journey, openTab, shot, SHOTS } from './browser.js';
import { demoSuite } from './server.js';

const suite = demoSuite();
const TITLE = '推进县级财政预算绩效管理改革落地';

async function signIn(page: Page, username: string) {
  await suite.signIn(page, username);
  await page.getByTestId('home').waitFor();
}

const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });

function deadlineIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

describe('督查督办 in the browser', () => {
  it('assign → accept → report 50% → the timeline', async () => {
    const tab = await openTab(suite.browser());
    const { page } = tab;
    let taskPath = '';
    await journey(tab, 'tasks-loop', async () => {
      // 督查室 assigns from the console.
      await signIn(page, 'duchashi');
      await menuItem(page, '督办台').click();
      await page.getByTestId('tasks-table').waitFor();
      await page.getByTestId('task-create').click();
      const form = page.getByTestId('task-create-form');
      await form.locator('#title').fill(TITLE);
      await form.locator('.ant-form-item', { hasText: '牵头单位' }).locator('.ant-select').click();
      await page.keyboard.type('财政局');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="县财政局"]').click();
      await form.locator('#deadline').click();
      await form.locator('#deadline').fill(deadlineIn(40));
      await form.locator('#deadline').press('Enter');
      await page.getByTestId('task-create-submit').click();
      await page.getByTestId('task-create-form').waitFor({ state: 'detached' }).catch(async () => {
        await page.getByRole('button', { name: /确\s*定|OK/ }).click(); // the similar-tasks notice, if any
      });
      const link = page.getByTestId('tasks-table').getByRole('link', { name: TITLE });
      await link.waitFor();
      taskPath = (await link.getAttribute('href')) ?? '';
      expect(taskPath).toMatch(/^\/tasks\/.+/);
      // A filter by colour, saved as a tab.
      await page.getByTestId('rag-counts').getByText(/^绿灯/).click();
      await page.waitForURL(/rag=green/);
      await page.getByRole('button', { name: /保存当前筛选/ }).click();
      await page.getByPlaceholder(/筛选名称/).fill('绿灯事项');
      await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('saved-filters').getByRole('tab', { name: /绿灯事项/ }).waitFor();
      await page.getByTestId('tasks-table').getByRole('link', { name: TITLE }).waitFor();
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' }).catch(() => {});
      await shot(page, 'tasks-console-1440');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /退出登录$/ }).click();
      await page.getByTestId('login-title').waitFor();

      // 县财政局's liaison accepts and reports.
      await signIn(page, 'u03staff');
      await menuItem(page, '我的待办').click();
      const inbox = page.getByTestId('tasks-inbox');
      await inbox.getByRole('link', { name: TITLE }).waitFor();
      await shot(page, 'tasks-inbox-1440');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('inbox-cards').getByRole('button', { name: /签\s*收/ }).waitFor();
      await shot(page, 'tasks-inbox-390');
      await page.setViewportSize({ width: 1440, height: 900 });
      const row = inbox.locator('tr', { hasText: TITLE });
      await row.getByTestId('inbox-accept').click();
      await inbox.getByRole('link', { name: TITLE }).waitFor({ state: 'detached' });

      await page.goto(`${suite.url()}${taskPath}`);
      await page.getByTestId('act-report').click();
      await page.getByRole('spinbutton', { name: '进度' }).fill('50');
      await page.getByTestId('action-comment').fill('已制定实施方案，完成一半单位的绩效目标审核。');
      await page.getByTestId('action-submit').click();
      await page.getByTestId('task-timeline').getByText('50%').waitFor();
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /退出登录$/ }).click();
      await page.getByTestId('login-title').waitFor();

      // 督查室 sees the history.
      await signIn(page, 'duchashi');
      await page.goto(`${suite.url()}${taskPath}`);
      const timeline = page.getByTestId('task-timeline');
      await timeline.getByText('签收', { exact: true }).waitFor();
      await timeline.getByText('反馈', { exact: true }).waitFor();
      await timeline.getByText('已制定实施方案', { exact: false }).waitFor();
      expect(await page.getByTestId('task-title').innerText()).toBe(TITLE);
      await shot(page, 'tasks-task-1440');
    });
    expect(tab.errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
