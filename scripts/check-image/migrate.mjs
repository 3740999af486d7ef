// The migration Job's command in the image, with the Job's env, against PostgreSQL: twice.
import { assert, eq } from '../lib/checks.mjs';
import { runCommand } from './image-tool.mjs';
import { jsonLines } from './json-lines.mjs';

export async function migrateTwice(env) {
  const command = ['node', 'dist/database/migrate.js'];
  const first = await runCommand(env, command);
  eq(first.code, 0, `first run's exit code; output:\n${first.output}`);
  const applied = jsonLines(first.output).at(-1)?.msg ?? '';
  assert(/^Applied migrations: /.test(applied), `first run: ${applied}`);
  const second = await runCommand(env, command);
  eq(second.code, 0, `second run's exit code; output:\n${second.output}`);
  const lines = jsonLines(second.output).map((l) => l.msg);
  eq(lines, ['Schema is up to date'], 'second run');
  return `rc 0 (${applied.split(',').length} applied), then rc 0 "Schema is up to date"; JSON lines only`;
}
