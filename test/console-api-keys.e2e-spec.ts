import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import {
  chromiumAvailable,
  launchChromium,
  newConsoleContext,
  PageErrors,
  screenshot,
} from './support/browser';
import { UPLOAD, zipArchive } from './support/artifact-fixtures';
import { childServiceFixture, startChildService } from './support/child-service';
import { DISCOVERY, registrationBody, REGISTRATIONS } from './support/model-fixtures';

const KEY = 'console-test-key';
const archive = zipArchive('console-keyed');

/**
 * With API_KEYS (and reads protected) the console asks for a key when the service answers 401,
 * keeps it in sessionStorage (this tab only) and retries the request.
 */
describe.runIf(chromiumAvailable())('the web console with API_KEYS', () => {
  // A page on a busy machine may take seconds: expect.poll's default second is too short.
  vi.setConfig({ expect: { poll: { timeout: 10_000 } } });
  const f = childServiceFixture('mms-console-keys-');
  let browser: Browser;
  const errors = new PageErrors();

  beforeAll(async () => {
    [f.service, browser] = await Promise.all([
      startChildService({
        ...f.env(),
        API_KEYS: `other-key, ${KEY}`,
        API_KEYS_PROTECT_READS: 'true',
      }),
      launchChromium(),
    ]);
    const seeded = await fetch(`${f.service.base}${REGISTRATIONS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify(registrationBody({ modelName: 'keyed-model' })),
    });
    expect(seeded.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([archive]), 'model.zip');
    const uploaded = await fetch(`${f.service.base}${UPLOAD('keyed-model', '1')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body: form,
    });
    expect(uploaded.status).toBe(200);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("the error watch works: the service's CSP blocks an inline script and the test sees it", async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    const watch = new PageErrors();
    watch.watch(page);
    await page.goto(`${f.service!.base}/`);
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    }`);
    await expect.poll(() => watch.errors).toContain('console: CSP violation: script-src-elem blocked inline');
    expect(await page.evaluate('window.inlineRan')).toBeUndefined();
    await context.close();
  });

  it('asks for a key, says when it is wrong, retries with the right one, and keeps it for the tab only', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    errors.watch(page);
    await page.goto(`${f.service!.base}/`);

    const dialog = page.getByRole('dialog', { name: 'API key needed' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('p').first().textContent()).toBe(
      'This operation needs Authorization: Bearer <API key>',
    );
    expect(await dialog.locator('.hint').textContent()).toBe(
      'The key is kept for this browser tab only (session storage).',
    );
    // The dialog has the focus: typing goes into its labelled field.
    expect(await page.evaluate('document.activeElement.id')).toBe('api-key');
    await screenshot(page, 'api-key-prompt', false);

    // Only spaces is refused with a message (not taken as Cancel).
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    expect(await dialog.locator('.field-error').textContent()).toBe(
      'Enter the key (not only spaces), or Cancel.',
    );
    expect(await dialog.isVisible()).toBe(true);
    await page.getByLabel('API key', { exact: true }).fill('');

    await page.keyboard.type('wrong-key');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('p').first().textContent()).toBe('The API key is not valid');
    expect(await dialog.isVisible()).toBe(true);

    await page.getByLabel('API key', { exact: true }).fill(KEY);
    await dialog.getByRole('button', { name: 'Use key' }).click();
    await expect
      .poll(() => page.locator('table.models tbody tr td:first-child').allTextContents())
      .toEqual(['keyed-model']);
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate("sessionStorage.getItem('modelmgmtservice.apiKey')")).toBe(KEY);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect((await context.cookies()).length).toBe(0);

    // The key is used for the next requests and for writes: no second prompt in this tab.
    await page.getByRole('link', { name: 'keyed-model' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('keyed-model version 1');
    await screenshot(page, 'api-key-model', false);
    // A link cannot send the key: the download is fetched with it and saved from a blob.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download 1.0.0' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('keyed-model_1_1.0.0_model.zip');
    expect((await readFile(await download.path())).equals(archive)).toBe(true);

    // A key the service no longer takes: the download asks for another one, then goes on.
    await page.evaluate("sessionStorage.setItem('modelmgmtservice.apiKey', 'revoked-key')");
    await page.getByRole('link', { name: 'Download 1.0.0' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('p').first().textContent()).toBe('The API key is not valid');
    // The refused key is no longer kept.
    expect(await page.evaluate("sessionStorage.getItem('modelmgmtservice.apiKey')")).toBeNull();
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByLabel('API key', { exact: true }).fill(KEY);
        await dialog.getByRole('button', { name: 'Use key' }).click();
      })(),
    ]);
    expect((await readFile(await again.path())).equals(archive)).toBe(true);

    // A write with the key: an edit saved, no prompt.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Description').fill('Edited with a key');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Saved model keyed-model version 1.');
    expect(await dialog.isVisible()).toBe(false);

    // Another tab has its own session storage: it asks again; Cancel leaves the 401 on the page.
    const other = await context.newPage();
    errors.watch(other);
    await other.goto(`${f.service!.base}/`);
    const otherDialog = other.getByRole('dialog', { name: 'API key needed' });
    await expect.poll(() => otherDialog.isVisible()).toBe(true);
    await otherDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => other.getByRole('alert').textContent())
      .toBe('UnauthorizedThis operation needs Authorization: Bearer <API key>');
    await context.close();

    expect(errors.errors).toEqual([]);
    expect(errors.failedLoads).toEqual([
      `401 ${DISCOVERY}`,
      `401 ${DISCOVERY}`,
      '401 /ai-ml-model-registration/v1/downloadModel/keyed-model/1/1.0.0/model.zip',
      `401 ${DISCOVERY}`,
    ]);
  });
});
