// One file size: BENCH_UPLOAD_ROUNDS rounds of "disk copy, ours and Go (order rotating), bare floor,
// work floor", back to back under the same conditions, then medians per server.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DOWNLOAD } from '../lib/http.mjs';
import { median, ratio, round2, timed } from '../lib/numbers.mjs';
import { writeZipLike } from './archive-file.mjs';
import { downloadHash } from './client.mjs';
import { measureUpload, timedCopy } from './measure.mjs';
import { resetModel, uploadUrl } from './models.mjs';

const MiB = 1024 * 1024;
/** The Go service's http.Server ReadTimeout and WriteTimeout. */
const GO_CUT_SECONDS = 10;

/** The first round downloads our archive back and compares its SHA-256 with the file's. */
async function checkDownload(ours, body, sha256) {
  const artifactVersion = JSON.parse(body).modelinfo.modelId.artifactVersion;
  let downloaded;
  const seconds = await timed(async () => {
    downloaded = await downloadHash(`${ours.base}${DOWNLOAD}/${ours.model}/1/${artifactVersion}/model.zip`);
  });
  return { seconds: round2(seconds), matches: downloaded === sha256 };
}

function summarize(runs, sizeMiB) {
  if (!runs?.length) return null;
  const ok = runs.filter((r) => r.ok);
  const seconds = median(ok.map((r) => r.seconds));
  return {
    rounds: runs.length,
    succeeded: ok.length,
    cut: runs.filter((r) => r.cut).length,
    seconds: round2(seconds),
    MiBps: seconds ? round2(sizeMiB / seconds) : null,
    cpuSeconds: round2(median(ok.map((r) => r.cpuSeconds))),
    idleRssMiB: ok.length ? Math.min(...ok.map((r) => r.idleRssMiB)) : null,
    rssGrowthMiB: ok.length ? Math.max(...ok.map((r) => r.rssGrowthMiB)) : null,
    s3CpuSeconds: round2(median(ok.map((r) => r.otherCpuSeconds).filter((x) => x !== null))),
    errors: runs
      .filter((r) => !r.ok)
      .map((r) => `${r.status || ''} ${r.error ?? r.body?.slice(0, 200) ?? ''}`.trim()),
  };
}

function goFailure(go) {
  const how = go.cut === go.rounds ? `cut by its ${GO_CUT_SECONDS} s limit` : 'failed';
  return `every Go upload ${how} (${go.errors[0]})`;
}

/** `ctx`: { work, ours, go?, floor, s3?, cfg }; `goSkip` why Go does not take part (all sizes). */
export async function benchSize(ctx, sizeMiB, goSkip) {
  const { work, ours, go, floor, s3, cfg } = ctx;
  const size = sizeMiB * MiB;
  const file = join(work, `upload-${sizeMiB}.zip`);
  const sha256 = await writeZipLike(file, size);
  const goHere =
    goSkip ??
    (sizeMiB > cfg.goMaxMiB
      ? `not run above ${cfg.goMaxMiB} MiB (BENCH_UPLOAD_GO_MAX_MB): it cuts requests after ${GO_CUT_SECONDS} s`
      : undefined);
  const services = goHere ? [ours] : [ours, go];
  const others = s3 ? [s3.pid] : [];
  const rounds = [];
  let download;
  for (let round = 0; round < cfg.rounds; round++) {
    const r = { copySeconds: await timedCopy(file, join(work, 'copy.zip')) };
    for (const server of services.map((_, i) => services[(i + round) % services.length])) {
      const { body, ...m } = await measureUpload(server, uploadUrl(server), file, size, others);
      if (server === ours && !m.ok)
        throw new Error(`upload to ours answered ${m.status}: ${m.error ?? body.slice(0, 300)}`);
      if (server === ours && round === 0) download = await checkDownload(ours, body, sha256);
      if (!m.ok) m.cut = m.seconds >= GO_CUT_SECONDS - 0.5;
      if (!m.ok) m.body = body.slice(0, 300);
      r[server.key] = m;
      await resetModel(server, server === go ? s3 : undefined);
    }
    if (cfg.floors) {
      for (const [key, path] of [
        ['bareFloor', '/raw'],
        ['workFloor', '/work'],
      ]) {
        const { body, ...m } = await measureUpload(floor, `${floor.base}${path}`, file, size);
        if (!m.ok) throw new Error(`the floor (${path}) answered ${m.status}: ${m.error ?? body}`);
        r[key] = m;
      }
    }
    rounds.push(r);
    console.log(
      `  ${sizeMiB} MiB round ${round + 1}: ${services.map((s) => `${s.label} ${r[s.key].ok ? `${r[s.key].seconds} s` : r[s.key].cut ? 'CUT' : 'FAILED'}`).join(', ')}`,
    );
  }
  await rm(file);
  const servers = {
    ours: summarize(
      rounds.map((r) => r.ours),
      sizeMiB,
    ),
    go: summarize(goHere ? [] : rounds.map((r) => r.go), sizeMiB),
    bareFloor: summarize(cfg.floors ? rounds.map((r) => r.bareFloor) : [], sizeMiB),
    workFloor: summarize(cfg.floors ? rounds.map((r) => r.workFloor) : [], sizeMiB),
  };
  const copySeconds = round2(median(rounds.map((r) => r.copySeconds)));
  const goFigures = servers.go?.succeeded ? servers.go : null;
  return {
    sizeMiB,
    rounds: cfg.rounds,
    goSkipped: goHere ?? (servers.go && !goFigures ? goFailure(servers.go) : null),
    diskCopySeconds: copySeconds,
    download,
    servers,
    ratios: {
      secondsVsGo: ratio(servers.ours.seconds, goFigures?.seconds),
      cpuVsGo: ratio(servers.ours.cpuSeconds, goFigures?.cpuSeconds),
      secondsVsCopy: ratio(servers.ours.seconds, copySeconds),
      secondsVsBareFloor: ratio(servers.ours.seconds, servers.bareFloor?.seconds),
      secondsVsWorkFloor: ratio(servers.ours.seconds, servers.workFloor?.seconds),
    },
    perRound: rounds,
  };
}
