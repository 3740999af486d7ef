import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { sha256, UPLOAD, zipArchive } from './support/artifact-fixtures';
import {
  chromiumAvailable,
  launchChromium,
  newConsoleContext,
  PageErrors,
  screenshot,
} from './support/browser';
import { childServiceFixture, startChildService } from './support/child-service';
import { FakeTrainingManager } from './support/fake-training-manager';
import { DISCOVERY, registrationBody, REGISTRATIONS } from './support/model-fixtures';

/** Models seeded through the API before the browser opens: more than one page of 10. */
const SEEDED = [
  ['anomaly-detector', 'Flags abnormal cell KPIs'],
  ['beam-selector', 'Chooses the best SSB beam'],
  ['cell-load-forecaster', 'Forecasts cell load'],
  ['energy-saver', 'Switches carriers off at night'],
  ['handover-optimizer', 'Tunes handover offsets'],
  ['interference-classifier', 'Classifies uplink interference'],
  ['mobility-predictor', 'Predicts the next cell'],
  ['qoe-predictor', 'QoE prediction for cell traffic'],
  ['slice-planner', 'Sizes network slices'],
  ['traffic-steering', 'Steers UEs between carriers'],
  ['ue-clustering', 'Groups UEs by behaviour'],
] as const;

/** Whether the element (with an id) has the focus. */
const hasFocus = async (locator: Locator) =>
  (await locator.getAttribute('id')) === (await locator.page().evaluate('document.activeElement.id'));

const rowNames = (page: Page) => page.locator('table.models tbody tr td:first-child').allTextContents();

/**
 * The console in Chromium against the built service (a child process): the whole flow of issue
 * 16, with no console error, page error or CSP violation anywhere.
 */
describe.runIf(chromiumAvailable())('the web console in a browser', () => {
  // A page on a busy machine may take seconds: expect.poll's default second is too short.
  vi.setConfig({ expect: { poll: { timeout: 10_000 } } });
  const f = childServiceFixture('mms-console-');
  let tm: FakeTrainingManager;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors = new PageErrors();
  const archive = zipArchive('console-upload', 1_500_000);

  beforeAll(async () => {
    tm = await FakeTrainingManager.start();
    tm.featureGroups.push({ featuregroup_name: 'cells', feature_list: 'pdcpBytesDl' });
    [f.service, browser] = await Promise.all([
      startChildService({
        ...f.env(),
        TM_URL: tm.url,
      }),
      launchChromium(),
    ]);
    for (const [modelName, description] of SEEDED) {
      const response = await fetch(`${f.service.base}${REGISTRATIONS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registrationBody({ modelName, description })),
      });
      expect(response.status).toBe(201);
    }
    context = await newConsoleContext(browser);
    page = await context.newPage();
    errors.watch(page);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await tm?.close();
  });

  afterEach(() => {
    expect(errors.errors).toEqual([]);
  });

  it('lists the models one page at a time (the Link header), sorts them, and searches by name', async () => {
    await page.goto(`${f.service!.base}/`);
    await expect.poll(() => rowNames(page)).toEqual(SEEDED.slice(0, 10).map(([name]) => name));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Models');
    expect(await page.locator('.pager span').textContent()).toBe('Page 1');
    await screenshot(page, 'models-list');

    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => rowNames(page)).toEqual(['ue-clustering']);
    expect(await page.locator('.pager span').textContent()).toBe('Page 2');
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => rowNames(page)).toEqual(SEEDED.slice(0, 10).map(([name]) => name));

    // The column header sorts the page: Name again reverses it.
    await page.getByRole('button', { name: 'Name' }).click();
    expect(await rowNames(page)).toEqual(
      SEEDED.slice(0, 10)
        .map(([name]) => name)
        .reverse(),
    );
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toBe('Name ▼');
    expect(await page.locator('.sort-hint').textContent()).toBe('Select a column header to sort this page.');
    expect(await page.locator('table.models caption').textContent()).toBe(
      'Registered models on this page, sorted by Name, descending',
    );
    await page.getByRole('button', { name: 'Artifact version' }).click();
    expect(await page.locator('table.models caption').textContent()).toBe(
      'Registered models on this page, sorted by Artifact version, ascending',
    );
    await page.getByRole('button', { name: 'Name' }).click();

    // A slow search overtaken by a newer one never replaces its result.
    const slow = '**/ai-ml-model-discovery/v1/models?*model-name=anomaly-detector*';
    await page.route(slow, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue().catch(() => undefined);
    });
    await page.getByLabel('Model name').fill('anomaly-detector');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Model name').fill('energy-saver');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rowNames(page)).toEqual(['energy-saver']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await rowNames(page)).toEqual(['energy-saver']);
    await page.unroute(slow);
    await page.getByLabel('Model version').fill('9');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.empty').textContent()).toBe('No model matches this search.');
  });

  it('registers a model with environments and custom metadata, then shows every field', async () => {
    await page.goto(`${f.service!.base}/#/models/new`);
    await fillRegistration(page, 'console-qoe');
    await screenshot(page, 'register-form');
    await page.getByRole('button', { name: 'Register' }).click();

    await expect
      .poll(() => page.locator('.notice').textContent())
      .toBe('Registered model console-qoe version 1.');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('console-qoe version 1');
    expect(await fieldsOf(page, 'Registration')).toEqual({
      Name: 'console-qoe',
      Version: '1',
      'Artifact version': '0.0.0',
      Description: 'QoE from the console',
      Author: 'alice',
      Owner: 'ran-team',
      'Input data type': 'pdcpBytesDl',
      'Output data type': 'throughput',
      'Model location': 's3://models/console-qoe',
      Id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    });
    expect(await tableOf(page, 'Target environments')).toEqual([
      ['kserve', 'prod', 'tensorflow=2.15'],
      ['edge', 'stg', 'tflite'],
    ]);
    expect(await fieldsOf(page, 'Custom metadata')).toEqual({ algorithm: 'lstm' });
    expect(await page.locator('.artifacts, section:has(#archives-title) .empty').first().textContent()).toBe(
      'No archive uploaded yet.',
    );
    await screenshot(page, 'model-detail');
  });

  it('shows a 409 at the top of the form and a 400 beside the field it names', async () => {
    await page.goto(`${f.service!.base}/#/models/new`);
    await fillRegistration(page, 'console-qoe');
    await page.getByRole('button', { name: 'Register' }).click();
    const alert = page.locator('form .problem');
    await expect
      .poll(() => alert.textContent())
      .toBe('ConflictA model named console-qoe with version 1 is already registered');
    await screenshot(page, 'register-409');

    await page.getByLabel('Model name').fill('console-bad');
    await page.getByLabel('Environment type 2').fill('');
    await page.getByRole('button', { name: 'Register' }).click();
    const beside = page.locator(
      '[data-field="modelInformation.targetEnvironment.1.environmentType"] .field-error',
    );
    await expect.poll(() => beside.textContent()).toBe('environmentType should not be empty');
    expect(await page.getByLabel('Environment type 2').getAttribute('aria-invalid')).toBe('true');
    // The first field marked takes the focus.
    expect(await hasFocus(page.getByLabel('Environment type 2'))).toBe(true);
    expect(await alert.textContent()).toBe('Bad Request: see the fields marked below.');
    expect(await page.locator('.field-error').count()).toBe(1);
    await screenshot(page, 'register-400');

    // A custom key the pattern refuses: its message is beside the Key field, not the Value field.
    await page.getByLabel('Environment type 2').fill('stg');
    await page.getByLabel('Key 1').fill('x y');
    await page.getByRole('button', { name: 'Register' }).click();
    const key = page.getByLabel('Key 1');
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await key.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'the key x y must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$',
    );
    expect(await page.getByLabel('Value 1').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('.field-error').count()).toBe(1);
    expect(await hasFocus(key)).toBe(true);
  });

  it('finds the registration by search, opens it, and edits it: keeping, then clearing the environments', async () => {
    await page.goto(`${f.service!.base}/#/models`);
    await page.getByLabel('Model name').fill('console-qoe');
    await page.getByLabel('Model version').fill('1');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rowNames(page)).toEqual(['console-qoe']);
    expect(await page.title()).toBe('Models · Model registry');
    await page.getByRole('link', { name: 'console-qoe' }).click();
    // A route change names the page in the tab's title and moves the focus to the content.
    await expect.poll(() => page.title()).toBe('Model · Model registry');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.getByRole('link', { name: 'Edit' }).click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Edit console-qoe version 1');
    expect(await page.title()).toBe('Edit model · Model registry');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    expect(await page.getByLabel('Keep the stored list').isChecked()).toBe(true);
    expect(await page.locator('.effect').textContent()).toBe(
      'The stored list (2 environments) is kept: targetEnvironment is not sent.',
    );
    expect(
      await page.getByRole('list', { name: 'Stored environments' }).locator('li').allTextContents(),
    ).toEqual(['kserve · prod · tensorflow=2.15', 'edge · stg · tflite']);
    expect(await page.getByLabel('Model name').isEditable()).toBe(false);
    await page.getByLabel('Description').fill('QoE, edited in the console');
    await screenshot(page, 'edit-keep');
    // "Keep" sends no targetEnvironment at all.
    const [kept] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'PUT'),
      page.getByRole('button', { name: 'Save changes' }).click(),
    ]);
    expect(kept.postDataJSON()).toEqual({
      modelId: { modelName: 'console-qoe', modelVersion: '1' },
      description: 'QoE, edited in the console',
      modelInformation: {
        metadata: { author: 'alice', owner: 'ran-team', algorithm: 'lstm' },
        inputDataType: 'pdcpBytesDl',
        outputDataType: 'throughput',
      },
      modelLocation: 's3://models/console-qoe',
    });
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Saved model console-qoe version 1.');
    await expect
      .poll(async () => (await fieldsOf(page, 'Registration')).Description)
      .toBe('QoE, edited in the console');
    expect(await tableOf(page, 'Target environments')).toEqual([
      ['kserve', 'prod', 'tensorflow=2.15'],
      ['edge', 'stg', 'tflite'],
    ]);

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Replace it with the list below (an empty list clears it)').check();
    // Remove moves the focus to the row now in its place, then to Add when none is left.
    await page.getByRole('button', { name: 'Remove environment 1' }).click();
    expect(await page.getByLabel('Platform 1').inputValue()).toBe('edge');
    expect(await hasFocus(page.getByLabel('Platform 1'))).toBe(true);
    await page.getByRole('button', { name: 'Remove environment 1' }).click();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Add an environment');
    expect(await page.locator('.effect').textContent()).toBe(
      'The stored list is cleared: targetEnvironment is sent as [].',
    );
    await screenshot(page, 'edit-clear');
    const [cleared] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'PUT'),
      page.getByRole('button', { name: 'Save changes' }).click(),
    ]);
    expect((cleared.postDataJSON() as { modelInformation: unknown }).modelInformation).toEqual({
      metadata: { author: 'alice', owner: 'ran-team', algorithm: 'lstm' },
      inputDataType: 'pdcpBytesDl',
      outputDataType: 'throughput',
      targetEnvironment: [],
    });
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Saved model console-qoe version 1.');
    await expect
      .poll(() => page.locator('section:has(#environments-title) .empty').textContent())
      .toBe('No target environment.');
    // A PUT replaces every field: the custom metadata sent again stays.
    expect(await fieldsOf(page, 'Custom metadata')).toEqual({ algorithm: 'lstm' });
  });

  it('uploads an archive with a progress bar, cancels one, and downloads the same bytes', async () => {
    const cdp = await context.newCDPSession(page);
    const throttle = (uploadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    // ~1.5 MB at 150 KB/s: ten seconds, Cancel is surely on screen when clicked.
    await throttle(150_000);
    const file = { name: 'model.zip', mimeType: 'application/zip', buffer: archive };
    const status = page.locator('.upload-status');

    await page.getByLabel('Archive (.zip)').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Uploading: 0 % \(/);
    await page.getByRole('button', { name: 'Cancel upload' }).click();
    await expect.poll(() => status.textContent()).toBe('Upload cancelled.');

    // Leaving the page stops an upload under way.
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Uploading: 0 % \(/);
    const [stopped] = await Promise.all([
      page.waitForEvent('requestfailed', { timeout: 5_000 }),
      page.getByRole('link', { name: 'Models', exact: true }).first().click(),
    ]);
    expect(new URL(stopped.url()).pathname).toBe(UPLOAD('console-qoe', '1'));
    await page.goBack();
    await page.getByLabel('Archive (.zip)').setInputFiles(file);

    // At 3 MB/s the bar is on screen for half a second; the live region says each quarter only.
    await throttle(3_000_000);
    await page.evaluate(`{
      window.statusTexts = [];
      const status = document.querySelector('.upload-status');
      new MutationObserver(() => window.statusTexts.push(status.textContent)).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }`);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect
      .poll(async () => {
        const value = await page
          .locator('#upload-progress')
          .getAttribute('value')
          .catch(() => null);
        return value !== null && Number(value) > 0 && Number(value) < 100;
      })
      .toBe(true);
    expect(await page.getByLabel('Upload progress').isVisible()).toBe(true);
    await screenshot(page, 'upload-progress');
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toBe('Uploaded model.zip as artifact version 1.0.0.');
    const announced = [...new Set(await page.evaluate<string[]>('window.statusTexts'))].filter(Boolean);
    expect(announced[0]).toMatch(/^Uploading: 0 % \(0 B of 1\.4 MiB\)$/);
    expect(announced.at(-1)).toBe('Uploaded model.zip as artifact version 1.0.0.');
    for (const text of announced.slice(1, -1)) expect(text).toMatch(/^Uploading: (25|50|75|100) % \(/);
    await throttle(-1);
    await cdp.detach();

    await expect
      .poll(() => tableOf(page, 'Archives'))
      .toEqual([
        [
          '1.0.0',
          '1.4 MiB',
          sha256(archive),
          expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/),
          'Download 1.0.0',
        ],
      ]);
    expect((await fieldsOf(page, 'Registration'))['Artifact version']).toBe('1.0.0');
    await screenshot(page, 'model-archives');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download 1.0.0' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('console-qoe_1_1.0.0_model.zip');
    expect((await readFile(await download.path())).equals(archive)).toBe(true);
  });

  it('registers a model by chatting with the assistant, streamed, and starts its training job', async () => {
    await page.goto(`${f.service!.base}/#/models`);
    await page.getByRole('link', { name: 'Assistant' }).click();
    // The route renders after the click's hash change, not with it.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Assistant');
    const text =
      'register model chat-qoe version 2 description "QoE by chat" author alice input pdcpBytesDl output throughput';
    await page.getByLabel('Message').fill(text);
    // Enter that ends an IME composition does not send.
    await page.getByLabel('Message').dispatchEvent('keydown', { key: 'Enter', isComposing: true });
    expect(await page.locator('.message').count()).toBe(0);
    expect(await page.getByLabel('Message').inputValue()).toBe(text);
    const [response] = await Promise.all([
      page.waitForResponse('**/experiment/agent/generate-content'),
      page.getByLabel('Message').press('Enter'),
    ]);
    expect(response.headers()['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(await response.request().headerValue('accept')).toBe('text/event-stream');

    const answers = page.locator('.message.assistant');
    await expect
      .poll(() => answers.last().locator('.step').textContent())
      .toBe('register_model Registered model chat-qoe version 2 (open)');
    await expect
      .poll(() => answers.last().locator('p').first().textContent())
      .toMatch(/^Registered model chat-qoe version 2 \(id [0-9a-f-]{36}, artifact version 0\.0\.0\)\.$/);
    expect(await page.locator('.message.user p').allTextContents()).toEqual([text]);

    await page
      .getByLabel('Message')
      .fill('train model chat-qoe version 2 on feature group cells with pipeline qoe_Pipeline');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => answers.nth(1).locator('.step').textContent())
      .toBe('create_training_job Started training job 1 for model chat-qoe version 2');
    await expect
      .poll(() => answers.nth(1).locator('p').first().textContent())
      .toBe(
        'Started training job 1 for model chat-qoe version 2; ask "status of training job 1" to follow it.',
      );
    const conversation = (await page.locator('.conversation').textContent())!.replace(' Conversation ', '');
    expect(conversation).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, 'assistant-chat', false);

    // The server forgets the conversation (as on idle expiry): the next send says so and starts afresh.
    const forgotten = await fetch(`${f.service!.base}/experiment/agent/conversations/${conversation}`, {
      method: 'DELETE',
    });
    expect(forgotten.status).toBe(204);
    await page.getByLabel('Message').fill('list models');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.assistant .problem').textContent())
      .toBe(
        `Conversation expiredConversation ${conversation} is no longer on the server (expired or deleted). Send again to start a new conversation.`,
      );
    expect(await page.locator('.conversation').count()).toBe(0);
    expect(await page.getByLabel('Message').inputValue()).toBe('list models');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => answers.count()).toBe(3);
    await expect
      .poll(() => page.locator('.conversation').textContent())
      .toMatch(new RegExp(`^ Conversation (?!${conversation})[0-9a-f-]{36}$`));
    expect(await page.locator('.assistant .problem').count()).toBe(0);

    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await page.locator('.message').count()).toBe(0);
    expect(await page.locator('.conversation').count()).toBe(0);
    expect(await page.locator('.assistant .empty').textContent()).toBe('No message yet.');

    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByLabel('Model name').fill('chat-qoe');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => page.locator('table.models tbody tr').first().locator('td').allTextContents())
      .toEqual(['chat-qoe', '2', '0.0.0', 'alice', '', 'QoE by chat']);
  });

  it('deletes a model after a confirmation, and the list no longer has it', async () => {
    await page.goto(`${f.service!.base}/#/models`);
    await page.getByLabel('Model name').fill('console-qoe');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'console-qoe' }).click();
    // By keyboard: the dialog takes the focus on its safe button, Escape closes it.
    await page.getByRole('button', { name: 'Delete', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete model console-qoe version 1?' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Keep it');
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    expect(await dialog.locator('p').textContent()).toBe(
      'The registration and all its archives are deleted. This cannot be undone.',
    );
    await screenshot(page, 'delete-confirm', false);
    // "Keep it" changes nothing; the second time the deletion is confirmed.
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete console-qoe version 1' }).click();

    await expect
      .poll(() => page.locator('.notice').textContent())
      .toBe('Deleted model console-qoe version 1.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Models');
    const left = await fetch(`${f.service!.base}${DISCOVERY}?model-name=console-qoe`);
    expect(await left.json()).toEqual([]);
    await page.getByLabel('Model name').fill('console-qoe');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.empty').textContent()).toBe('No model matches this search.');

    // The only failed loads were those provoked: the empty search (404), the 409, the two 400s and
    // the chat in a deleted conversation (404).
    expect(errors.failedLoads).toEqual([
      `404 ${DISCOVERY}`,
      `409 ${REGISTRATIONS}`,
      `400 ${REGISTRATIONS}`,
      `400 ${REGISTRATIONS}`,
      '404 /experiment/agent/generate-content',
    ]);
  });
});

async function fillRegistration(page: Page, modelName: string): Promise<void> {
  await page.getByLabel('Model name').fill(modelName);
  await page.getByLabel('Model version').fill('1');
  await page.getByLabel('Description').fill('QoE from the console');
  await page.getByLabel('Author').fill('alice');
  await page.getByLabel('Owner').fill('ran-team');
  await page.getByLabel('Input data type').fill('pdcpBytesDl');
  await page.getByLabel('Output data type').fill('throughput');
  await page.getByLabel('Model location').fill(`s3://models/${modelName}`);
  for (const [index, environment] of [
    ['kserve', 'prod', 'tensorflow=2.15'],
    ['edge', 'stg', 'tflite'],
  ].entries()) {
    await page.getByRole('button', { name: 'Add an environment' }).click();
    await page.getByLabel(`Platform ${index + 1}`).fill(environment[0]);
    await page.getByLabel(`Environment type ${index + 1}`).fill(environment[1]);
    await page.getByLabel(`Dependencies ${index + 1}`).fill(environment[2]);
  }
  await page.getByRole('button', { name: 'Add a key' }).click();
  await page.getByLabel('Key 1').fill('algorithm');
  await page.getByLabel('Value 1').fill('lstm');
}

/** The term → description pairs of the section headed `heading`. */
async function fieldsOf(page: Page, heading: string): Promise<Record<string, string>> {
  const section = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
  const pairs = await section
    .locator('dl > div')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('dt')?.textContent ?? '',
        row.querySelector('dd')?.textContent ?? '',
      ]),
    );
  return Object.fromEntries(pairs);
}

/** The body cells of the table in the section headed `heading`. */
async function tableOf(page: Page, heading: string): Promise<string[][]> {
  const section = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
  return section
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
    );
}
