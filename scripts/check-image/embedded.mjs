// The image's default (no database configured: the embedded store under DATA_DIR=/tmp/data) under
// the chart's 512 Mi limit: it either becomes ready or refuses with one clear line, never an OOM kill.
import { assert, run } from '../lib/checks.mjs';
import { logs, removeContainer, startDetached } from './image-tool.mjs';
import { waitFor } from './http.mjs';
import { jsonLines } from './json-lines.mjs';

export async function embeddedUnderLimit(port, memory = '512m') {
  const container = startDetached({ PORT: String(port) }, { memory });
  const state = () =>
    run('podman', [
      'inspect',
      container.id,
      '--format',
      '{{.State.Running}} {{.State.ExitCode}} {{.State.OOMKilled}}',
    ])
      .stdout.trim()
      .split(' ');
  try {
    try {
      await waitFor(`http://127.0.0.1:${port}/health/ready`, {
        within: 90_000,
        exited: () => state()[0] !== 'true',
      });
      return `ready under ${memory}`;
    } catch (error) {
      const [running, code, oom] = state();
      assert(running !== 'true', error.message);
      assert(oom !== 'true', `OOM-killed under ${memory}`);
      const fatal = jsonLines(logs(container.id)).filter((l) => l.level === 60);
      assert(code === '1' && fatal.length === 1, `exit ${code}, fatal lines: ${JSON.stringify(fatal)}`);
      assert(/embedded store needs about/.test(fatal[0].msg), `unexpected refusal: ${fatal[0].msg}`);
      return `refused at once, exit 1: "${fatal[0].msg}"`;
    }
  } finally {
    removeContainer(container);
  }
}
