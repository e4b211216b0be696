import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client } from './factories.js';
import type { Ctx } from '../server/context.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 32), Buffer.from('\n%%EOF')]);

describeEachDb('task attachments', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let sup: Client; let staff: Client; let stranger: Client; let taskId: string;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb(), { uploadDir: mkdtempSync(join(tmpdir(), 'luoshi-up-')), uploadLimitBytes: 4096 }));
    const region = (await buildRegion(ctx)).code;
    const unit = (await buildUnit(ctx, region)).id; const other = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: other, roles: ['supervisor'] }));
    staff = new Client(app); await staff.login(await buildUser(ctx, { regionCode: region, unitId: unit, roles: ['unit_staff'] }));
    stranger = new Client(app); await stranger.login(await buildUser(ctx, { regionCode: region, unitId: other, roles: ['unit_staff'] }));
    taskId = (await sup.post('/api/v1/tasks', { source: 'key_work', title: '附件测试事项', leadUnitId: unit, deadline: '2099-12-31' })).json().task.id;
  });

  it('accepts evidence in the usual formats, links it to a report and serves it back to those who may read the task', async () => {
    const up = await staff.upload(`/api/v1/tasks/${taskId}/attachments`, '整改报告.pdf', PDF);
    expect(up.statusCode, up.body).toBe(201);
    const att = up.json();
    expect(att.filename).toBe('整改报告.pdf');
    const t = (await staff.get(`/api/v1/tasks/${taskId}`)).json().task;
    let r = await staff.post(`/api/v1/tasks/${taskId}/actions/accept`, { version: t.version });
    r = await staff.post(`/api/v1/tasks/${taskId}/actions/report`, { version: r.json().version, progress: 50, attachmentIds: [att.id] });
    expect(r.statusCode, r.body).toBe(200);
    const detail = (await sup.get(`/api/v1/tasks/${taskId}`)).json();
    expect(detail.events.at(-1).attachments).toEqual([{ id: att.id, filename: '整改报告.pdf' }]);
    const dl = await sup.get(`/api/v1/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent('整改报告.pdf'));
    expect((await stranger.get(`/api/v1/attachments/${att.id}`)).statusCode).toBe(404);
  });

  it('refuses forbidden types, disguised files and oversized files with the field named, writing nothing', async () => {
    const before = await ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const exe = await staff.upload(`/api/v1/tasks/${taskId}/attachments`, 'virus.exe', Buffer.from('MZ....'));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0].field).toBe('file');
    const html = await staff.upload(`/api/v1/tasks/${taskId}/attachments`, 'page.html', Buffer.from('<script>alert(1)</script>'));
    expect(html.statusCode).toBe(400);
    const fake = await staff.upload(`/api/v1/tasks/${taskId}/attachments`, 'report.pdf', Buffer.from('MZ this is not a pdf'));
    expect(fake.statusCode).toBe(400);
    const big = await staff.upload(`/api/v1/tasks/${taskId}/attachments`, 'big.pdf', Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(10_000)]));
    expect([400, 413]).toContain(big.statusCode);
    expect((await stranger.upload(`/api/v1/tasks/${taskId}/attachments`, 'a.pdf', PDF)).statusCode).toBe(404);
    const after = await ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
