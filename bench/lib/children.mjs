// Child processes of a benchmark: started with a label, their stderr tail kept for error messages,
// stopped with SIGTERM (SIGKILL after 10 s), and killed if the benchmark itself exits.
import { spawn } from 'node:child_process';
import { ROOT, VERBOSE } from './env.mjs';

const children = new Set();

/**
 * Starts `command args` with stdin and stdout ignored (stdout piped when `stdout: 'pipe'`) and stderr
 * kept: the last 40 chunks in `child.tail`, and on our stderr with BENCH_VERBOSE=1.
 */
export function startChild(label, command, args, { env, cwd = ROOT, stdout = 'ignore' } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', stdout, 'pipe'] });
  child.label = label;
  child.tail = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    if (VERBOSE) process.stderr.write(text.replace(/^/gm, `[${label}] `));
    child.tail.push(text);
    if (child.tail.length > 40) child.tail.shift();
  });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  children.add(child);
  return child;
}

export async function stopChild(child) {
  if (!children.has(child)) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await child.exited;
  clearTimeout(timer);
}

export const stopAllChildren = () => Promise.all([...children].map(stopChild));

/** Why a child is gone, with its last stderr lines. */
export const describeExit = (child, how) =>
  `${child.label} (${child.spawnargs.join(' ')}) exited (code ${how.code}, signal ${how.signal}):\n${child.tail.join('')}`;

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
