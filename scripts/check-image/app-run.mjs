// The app as the chart runs it (read-only root, uid 1000, no capabilities, emptyDir /tmp, 512 Mi):
// live, ready, the console at /, register, upload, download, then SIGTERM during an upload.
import { assert, eq, run, runOk } from '../lib/checks.mjs';
import { logs, removeContainer, startDetached } from './image-tool.mjs';
import { sha256Of, slowUpload, waitFor } from './http.mjs';
import { jsonLines } from './json-lines.mjs';

const API = '/ai-ml-model-registration/v1';

export async function serveAndDrain(env) {
  const base = `http://127.0.0.1:${env.PORT}`;
  const container = startDetached(env);
  const exited = () =>
    run('podman', ['inspect', container.id, '--format', '{{.State.Running}}']).stdout.trim() !== 'true';
  const steps = [];
  try {
    const started = Date.now();
    await waitFor(`${base}/health/live`, { exited });
    await waitFor(`${base}/health/ready`, { exited });
    steps.push(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The console's build is in the image and served at / under the service's CSP.
    const page = await fetch(`${base}/`);
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
    eq([page.status, Boolean(script)], [200, true], `console page: ${html.slice(0, 200)}`);
    assert(
      /script-src 'self'/.test(page.headers.get('content-security-policy') ?? ''),
      'console page without CSP',
    );
    eq((await fetch(`${base}${script}`)).status, 200, `console script ${script}`);
    steps.push(`console at / (${script})`);

    const model = { modelName: `image-check-${Date.now()}`, modelVersion: '1' };
    const registered = await fetch(`${base}${API}/model-registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        modelId: model,
        description: 'check:image',
        modelInformation: { metadata: { author: 'ci' }, inputDataType: 'a', outputDataType: 'b' },
        modelLocation: '',
      }),
    });
    eq(registered.status, 201, `register: ${await registered.clone().text()}`);
    steps.push('registered');

    const upload = `${base}${API}/uploadModel/${model.modelName}/${model.modelVersion}`;
    const first = slowUpload(upload, { size: 256 * 1024, chunkBytes: 256 * 1024, pauseMs: 0 });
    const firstAnswer = await first.done;
    eq(firstAnswer.status, 200, `upload: ${firstAnswer.body}`);
    const version = JSON.parse(firstAnswer.body).modelinfo.modelId.artifactVersion;
    const download = await sha256Of(`${base}${API}/downloadModel/${model.modelName}/1/${version}/model.zip`);
    eq([download.status, download.sha256], [200, first.sha256], 'download (status, sha256)');
    steps.push(`uploaded and downloaded ${version} (sha256 equal)`);

    // ~1.5 s of upload; SIGTERM arrives a third of the way in.
    const slow = slowUpload(upload, { size: 384 * 1024, chunkBytes: 16 * 1024, pauseMs: 60 });
    await slow.firstByte;
    await new Promise((r) => setTimeout(r, 500));
    runOk('podman', ['kill', '--signal', 'TERM', container.id]);
    const answer = await slow.done;
    eq(answer.status, 200, `upload during SIGTERM: ${answer.body}`);
    const code = runOk('podman', ['wait', container.id]).stdout.trim();
    eq(code, '0', 'exit code after SIGTERM');
    const lines = jsonLines(logs(container.id));
    const shutdown = lines.filter((l) => l.context === 'Shutdown').map((l) => l.msg);
    assert(
      /^SIGTERM: draining 1 in-flight/.test(shutdown[0] ?? '') &&
        shutdown[1] === 'Drained and closed: exiting 0',
      `shutdown log lines: ${JSON.stringify(shutdown)}`,
    );
    steps.push(
      `SIGTERM during an upload: it finished (200), "${shutdown[0]}", exit 0; ${lines.length} log lines, all JSON`,
    );
    return steps.join('; ');
  } catch (error) {
    error.message += `\n--- container log ---\n${logs(container.id).split('\n').slice(-30).join('\n')}`;
    throw error;
  } finally {
    removeContainer(container);
  }
}
