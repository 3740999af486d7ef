import { childServiceFixture, startChildService } from './support/child-service';
import { send, slowUpload } from './support/child-http';
import { accessLinesOf } from './support/log-lines';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';

const UPLOAD = '/ai-ml-model-registration/v1/uploadModel';

/** A request the client gives up still has its access line (Fastify logs only finished responses). */
describe('the access line of a request the client cut (a real process, its stdout)', () => {
  const f = childServiceFixture('mms-aborted-');

  beforeAll(async () => {
    f.service = await startChildService({
      LOG_LEVEL: 'info',
      ...f.env(),
    });
  }, 150_000);

  it('an upload cut mid-body: one warn line "request aborted", none "completed"', async () => {
    const body = Buffer.from(
      JSON.stringify(registrationBody({ modelName: 'aborted-upload', modelVersion: '1' })),
    );
    const registered = await send(f.service!.base, 'POST', REGISTRATIONS, {
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(registered.status).toBe(201);
    const path = `${UPLOAD}/aborted-upload/1`;
    const upload = slowUpload(f.service!.base, path, {
      size: 1024 * 1024,
      chunkBytes: 16 * 1024,
      pauseMs: 20,
    });
    await new Promise((r) => setTimeout(r, 300));
    upload.cut();
    expect((await upload.done).status).toBe(0);

    const lines = await accessLinesOf(f.service!, (line) => line.req?.url === path);
    expect(lines.map(({ level, msg, req }) => ({ level, msg, method: req?.method }))).toEqual([
      { level: 40, msg: 'request aborted', method: 'POST' },
    ]);
  });
});
