// Preloaded into the service by bench/run.mjs when BENCH_CPU_PROF=1 (`node -r bench/cpu-profile-hook.cjs`).
// SIGUSR2 starts the V8 sampling profiler; the next SIGUSR2 stops it and writes
// $BENCH_CPU_PROF_DIR/<label>.cpuprofile, the label being read from $BENCH_CPU_PROF_DIR/label.
// (`--cpu-prof` alone would profile start-up and seeding too, and only writes on a clean exit.)
'use strict';
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 250 }, () => session.post('Profiler.start')),
      );
      return;
    }
    session.post('Profiler.stop', (error, result) => {
      running = false;
      let label = 'profile';
      try {
        label = fs.readFileSync(path.join(dir, 'label'), 'utf8').trim() || label;
      } catch {}
      if (!error) fs.writeFileSync(path.join(dir, `${label}.cpuprofile`), JSON.stringify(result.profile));
      fs.writeFileSync(path.join(dir, `${label}.done`), error ? String(error) : 'ok');
    });
  });
}
