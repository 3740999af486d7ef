import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './child-service';

/** Debian's Chromium (apt-get install chromium): the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'console');

/**
 * Whether the browser tests can run: without Chromium they are skipped with the reason printed,
 * except in CI, where a missing browser is a failure.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must run the console's browser tests`);
  console.warn(`Skipping the console's browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: the tests may run as root (in a container), where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/**
 * Everything the page reported that a working console never does: console errors, uncaught
 * exceptions and Content-Security-Policy violations (listened for before any script of the page).
 */
export class PageErrors {
  readonly errors: string[] = [];
  /**
   * Chromium logs every 4xx answer as a console error ("Failed to load resource"): kept apart as
   * `<status> <path>`, for the test to assert they are exactly those it provoked.
   */
  readonly failedLoads: string[] = [];

  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const failed = /^Failed to load resource: the server responded with a status of (\d+)/.exec(
        message.text(),
      );
      if (failed) this.failedLoads.push(`${failed[1]} ${new URL(message.location().url).pathname}`);
      else this.errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
  }
}

export async function newConsoleContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // A string, run in the page before its scripts (the tests are compiled without the DOM's types).
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
  });`);
  return context;
}

/** A full-page screenshot at test-results/console/<name>.png, to look at after the run. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}
