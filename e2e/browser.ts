// Debian's Chromium through playwright-core; every page collects its console errors; screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SHOTS = resolve('test-results');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Tab { page: Page; errors: string[] }

export async function openTab(browser: Browser, width = 1440): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // Generous: CI runs on 2 cores and a loaded machine can take many seconds to load a lazy page chunk.
  page.setDefaultTimeout(45_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} @ ${m.location().url}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { page, errors };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // For the picture only: let spinners stop and their fade (a CSS transition) end.
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 5_000 }).catch(() => {});
  await page.waitForTimeout(350);
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage });
}

/** Runs a journey; on failure saves a screenshot of where it stopped, then fails. */
export async function journey(tab: Tab, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await shot(tab.page, `FAILED-${name}`, true).catch(() => {});
    throw e;
  }
}
