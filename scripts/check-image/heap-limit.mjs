// The V8 heap the image's NODE_OPTIONS give under the chart's memory limit: the old generation a
// share of the container's limit (--max-old-space-size-percentage), not of the host's memory. The
// expected figure is what the same Node gives here with the share worked out by hand.
import { execFileSync } from 'node:child_process';
import { assert } from '../lib/checks.mjs';
import { inspect, IMAGE, runCommand } from './image-tool.mjs';

const PRINT_HEAP =
  "console.log(process.constrainedMemory(), require('v8').getHeapStatistics().heap_size_limit)";

export async function heapUnderLimit(limitMib = 512) {
  const env = inspect(IMAGE, '{{range .Config.Env}}{{println .}}{{end}}');
  const nodeOptions = /^NODE_OPTIONS=(.*)$/m.exec(env)?.[1] ?? '';
  const percentage = /--max-old-space-size-percentage=(\d+)/.exec(nodeOptions)?.[1];
  assert(percentage, `NODE_OPTIONS sets no --max-old-space-size-percentage: "${nodeOptions}"`);
  const { code, output } = await runCommand({}, ['node', '-e', PRINT_HEAP], { memory: `${limitMib}m` });
  assert(code === 0, `node -e exited ${code}: ${output}`);
  const [constrained, heapLimit] = output.trim().split('\n').at(-1).split(' ').map(Number);
  assert(constrained === limitMib * 2 ** 20, `constrained memory ${constrained}, not ${limitMib} MiB`);
  const oldSpace = Math.floor((limitMib * Number(percentage)) / 100);
  const byHand = nodeOptions.replace(
    /--max-old-space-size-percentage=\d+/,
    `--max-old-space-size=${oldSpace}`,
  );
  const expected = Number(
    execFileSync(process.execPath, ['-e', PRINT_HEAP], { env: { ...process.env, NODE_OPTIONS: byHand } })
      .toString()
      .trim()
      .split(' ')[1],
  );
  const mib = (n) => (n / 2 ** 20).toFixed(0);
  assert(heapLimit === expected, `heap limit ${mib(heapLimit)} MiB, expected ${mib(expected)} (${byHand})`);
  return `heap limit ${mib(heapLimit)} MiB under ${limitMib} Mi (old generation ${oldSpace} MiB: ${percentage} %)`;
}
