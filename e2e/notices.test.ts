// Browser journey through 督办 and the inbox: duchashi (督查室) opens a task of 县财政局 whose deadline has passed
// (red), issues a 督办通知单 and downloads its .docx, records a 约谈 against the unit; the 截止日历 shows the task and
// its milestone on their day; u03staff (县财政局) sees the bell's count and the notice in the inbox, marks all read; liminghua
// (the responsible leader) finds the notice too and a 督办台 that says it lists his portfolio; sysadmin (TOTP bound
// on first sign-in) enters and removes a day on the 工作日历. Screenshots at 1440 and 390 px in test-results/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentTotp } from '../server/platform/auth/totp.js';
import { journey, openTab, shot, SHOTS } from './browser.js';
import { demoSuite } from './server.js';

const suite = demoSuite();
const TITLE = '国库集中支付电子化改革';
const REQUIREMENT = '该事项已超过办结时限，请于回复期限前书面报送未完成原因、整改措施和完成时间。';

const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function signIn(page: Page, username: string) {
  await suite.signIn(page, username);
  await page.getByTestId('home').waitFor();
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录$/ }).click();
  // The next sign-in loads /login afresh (another run may have rebuilt web/dist meanwhile: old chunks are gone).
  await page.waitForURL(/\/login/);
}

const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`) });

/** 交办 through the API as the signed-in supervisor: a task of 县财政局 under liminghua whose deadline has passed. */
async function openOverdueTask(page: Page): Promise<{ id: string; deadline: string }> {
  const session = await (await page.request.get(`${suite.url()}/api/v1/auth/me`)).json();
  const units = await (await page.request.get(`${suite.url()}/api/v1/units?q=${encodeURIComponent('县财政局')}`)).json();
  const unit = units.items.find((u: { name: string }) => u.name === '县财政局');
  const leaders = await (await page.request.get(`${suite.url()}/api/v1/leaders`)).json();
  const leader = leaders.find((l: { username: string }) => l.username === 'liminghua');
  const deadline = day(-3);
  const res = await page.request.post(`${suite.url()}/api/v1/tasks`, {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { source: 'instruction', title: TITLE, sourceRef: '示政阅〔2026〕88号', leadUnitId: unit.id, leaderUserId: leader.userId, startDate: day(-60), deadline,
      milestones: [{ title: '完成系统上线测试', dueDate: deadline }] },
  });
  expect(res.status()).toBe(201);
  return { id: (await res.json()).task.id, deadline };
}

describe('督办, 问责, the inbox and the calendars in the browser', () => {
  it('escalate a red task → docx → accountability → calendar → the unit\'s bell and inbox → the leader → the working-day calendar', async () => {
    const tab = await openTab(suite.browser());
    const { page } = tab;
    await journey(tab, 'notices', async () => {
      // 督查室: the home tile opens 督办台; the red task gets a 督办通知单.
      await signIn(page, 'duchashi');
      expect(await page.getByTestId('home').getByRole('link', { name: /督查督办/ }).getAttribute('href')).toBe('/tasks/console');
      const task = await openOverdueTask(page);
      await page.goto(`${suite.url()}/tasks/${task.id}`);
      await page.getByTestId('task-rag').getByText('红灯').waitFor();
      await page.getByTestId('escalation-issue').click();
      await page.getByTestId('escalation-form').locator('textarea').fill(REQUIREMENT);
      await page.getByTestId('escalation-submit').click();
      const number = page.getByTestId('escalation-number');
      await number.waitFor();
      expect(await number.innerText()).toMatch(/督办〔\d{4}〕1号$/);
      await page.getByTestId('task-timeline').getByText('督办', { exact: true }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('escalation-download').click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const saved = resolve(SHOTS, 'escalation-notice.docx');
      await download.saveAs(saved);
      expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');

      // 问责: a 约谈 of 县财政局 for this task.
      await page.getByTestId('accountability-record').click();
      await page.getByTestId('accountability-form').locator('textarea').fill('超期未办结且未说明原因，约谈单位主要负责人。');
      await page.getByTestId('accountability-submit').click();
      const item = page.getByTestId('accountability-item');
      await item.waitFor();
      expect(await item.innerText()).toContain('约谈');
      expect(await item.innerText()).toContain('县财政局');
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' }).catch(() => {});
      await shot(page, 'notices-task-1440', true);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('escalations').scrollIntoViewIfNeeded();
      await shot(page, 'notices-task-390');
      await page.setViewportSize({ width: 1440, height: 900 });

      // 截止日历: the task on its deadline, red; a click opens it.
      await menuItem(page, '截止日历').click();
      await page.getByTestId('deadline-calendar').waitFor();
      await page.goto(`${suite.url()}/tasks/calendar?month=${task.deadline.slice(0, 7)}`);
      const onCalendar = page.getByTestId('calendar-task').filter({ hasText: TITLE });
      await onCalendar.waitFor();
      await page.getByTestId('calendar-milestone').filter({ hasText: '完成系统上线测试' }).waitFor();
      expect(await page.getByTestId('calendar-rag-red').innerText()).toMatch(/红灯 [1-9]/);
      await shot(page, 'notices-calendar-1440');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('calendar-list').getByTestId('calendar-task').filter({ hasText: TITLE }).waitFor();
      await page.getByTestId('calendar-list').getByTestId('calendar-milestone').waitFor();
      await shot(page, 'notices-calendar-390');
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId('calendar-task').filter({ hasText: TITLE }).click();
      await page.waitForURL(new RegExp(`/tasks/${task.id}$`));
      await signOut(page);

      // 县财政局: the bell counts the notice; the popover and the inbox list it; 全部标为已读 empties the count.
      await signIn(page, 'u03staff');
      const count = page.getByTestId('bell-count').locator('.ant-scroll-number');
      await count.waitFor();
      expect(Number(await count.getAttribute('title'))).toBeGreaterThanOrEqual(1);
      await page.getByTestId('bell').click();
      await page.getByTestId('bell-popover').getByText(/督办/).first().waitFor();
      await shot(page, 'notices-bell-1440');
      await page.getByTestId('bell-all').click();
      const list = page.getByTestId('notices-list');
      const notice = list.getByTestId('notice').filter({ hasText: TITLE }).filter({ hasText: '督办〔' });
      await notice.waitFor();
      expect(await notice.getAttribute('data-unread')).toBe('true');
      await shot(page, 'notices-inbox-1440');
      await page.setViewportSize({ width: 390, height: 844 });
      await notice.waitFor();
      await shot(page, 'notices-inbox-390');
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId('notices-read-all').click();
      await page.getByTestId('bell-count').locator('.ant-scroll-number').waitFor({ state: 'detached' });
      expect(await notice.getAttribute('data-unread')).toBe('false');
      await notice.getByTestId('notice-title').click();
      await page.waitForURL(new RegExp(`/tasks/${task.id}$`));
      await page.getByTestId('escalation-number').waitFor();
      expect(await page.getByTestId('escalation-issue').count()).toBe(0);
      await signOut(page);

      // The responsible leader: the notice, and his 督办台 says it is his portfolio.
      await signIn(page, 'liminghua');
      expect(await page.getByTestId('home').getByRole('link', { name: /督查督办/ }).getAttribute('href')).toBe('/tasks/console');
      await page.getByTestId('bell').click();
      await page.getByTestId('bell-popover').getByText(TITLE, { exact: false }).first().waitFor();
      await page.keyboard.press('Escape');
      await menuItem(page, '督办台').click();
      await page.getByTestId('portfolio-chip').getByText(/我的分管：[1-9]\d* 个单位/).waitFor();
      await page.getByTestId('tasks-table').getByRole('link', { name: TITLE }).waitFor();
      await shot(page, 'notices-leader-console-1440');
      await signOut(page);

      // The system administrator binds TOTP on first sign-in, then enters and removes a day of the working-day calendar.
      await suite.signIn(page, 'sysadmin');
      const secret = (await page.getByTestId('totp-secret').innerText()).trim();
      await page.getByPlaceholder('6 位动态口令').fill(currentTotp(secret, 'sysadmin', new Date()));
      await page.getByRole('button', { name: '确认绑定' }).click();
      await page.getByRole('checkbox', { name: '我已保存恢复码' }).check();
      await page.getByRole('button', { name: /继\s*续/ }).click();
      await page.getByTestId('home').waitFor();
      await menuItem(page, '工作日历').click();
      await page.getByTestId('work-calendar').waitFor();
      expect(await page.getByTestId('workcal-month').count()).toBe(12);
      const year = new Date().getFullYear();
      await page.getByTestId('workcal-add').click();
      const form = page.getByTestId('workcal-form');
      await form.locator('#date').fill(`${year}-12-31`);
      await form.locator('#date').press('Enter');
      await form.locator('#name').fill('测试放假');
      await page.getByTestId('workcal-save').click();
      const row = page.getByTestId('workcal-table').locator('tr', { hasText: '测试放假' });
      await row.waitFor();
      expect(await row.innerText()).toContain('管理员录入');
      await page.getByTestId(`workcal-day-${year}-12-31`).waitFor();
      await shot(page, 'notices-workcal-1440', true);
      await row.getByTestId('workcal-remove').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await row.waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('workcal-month').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'notices-workcal-390');
    });
    expect(tab.errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
