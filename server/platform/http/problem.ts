// Every error becomes application/problem+json (RFC 9457) in the caller's language. Never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { message } from '../../../common/messages.js';
import type { Locale } from '../../../common/roles.js';
import { DomainError, type FieldError, Invalid, TooMany } from '../errors.js';

export function requestLocale(req: FastifyRequest): Locale {
  const actorLocale = (req as any).actor?.locale as Locale | undefined;
  if (actorLocale) return actorLocale;
  const header = String(req.headers['x-locale'] || req.headers['accept-language'] || '');
  return /^en/i.test(header) ? 'en-US' : 'zh-CN';
}

interface AjvError { instancePath: string; keyword: string; params: Record<string, any>; message?: string }

function ajvToField(e: AjvError): FieldError {
  const base = e.instancePath.replace(/^\//, '');
  const join = (p: string) => (base ? `${base}/${p}` : p);
  switch (e.keyword) {
    case 'required': return { field: join(e.params.missingProperty), code: 'invalid.required' };
    case 'additionalProperties': return { field: join(e.params.additionalProperty), code: 'invalid.unknownField' };
    case 'type': return { field: base || '(body)', code: 'invalid.type', params: { expected: e.params.type } };
    case 'minLength': case 'maxLength': case 'minimum': case 'maximum':
      return { field: base, code: `invalid.${e.keyword}`, params: { limit: e.params.limit } };
    case 'pattern': return { field: base, code: 'invalid.pattern' };
    case 'format': return { field: base, code: 'invalid.format', params: { format: e.params.format } };
    case 'enum': return { field: base, code: 'invalid.enum', params: { allowed: (e.params.allowedValues ?? []).join(', ') } };
    case 'const': return { field: base, code: 'invalid.enum', params: { allowed: String(e.params.allowedValue) } };
    default: return { field: base || '(body)', code: 'invalid.value' };
  }
}

function fieldsOut(errors: FieldError[], locale: Locale) {
  // Union schemas produce one error per branch; keep one per field.
  const seen = new Set<string>();
  const out: { field: string; code: string; message: string; row?: number }[] = [];
  for (const e of errors) {
    const key = `${e.row ?? ''}|${e.field}|${e.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field: e.field, code: e.code, message: message(e.code, locale, e.params), ...(e.row !== undefined ? { row: e.row } : {}) });
  }
  return out;
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, status: number, code: string, params: Record<string, unknown> = {}, errors: FieldError[] = [], extra: Record<string, unknown> = {}) {
  const locale = requestLocale(req);
  const fields = fieldsOut(errors, locale);
  let detail = message(code, locale, params);
  if (fields.length && code === 'invalid') detail = fields.slice(0, 5).map((f) => `${f.row !== undefined ? `#${f.row} ` : ''}${f.field}: ${f.message}`).join('；');
  return reply.status(status).type('application/problem+json').send({
    ...extra,
    type: `https://luoshi.local/problems/${code}`,
    title: message(code, locale, params),
    status,
    code,
    detail,
    instance: req.url,
    ...(fields.length ? { errors: fields } : {}),
  });
}

/** Path of the first string holding a NUL character ('' for the value itself), or null. */
function nulAt(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = nulAt(x, path ? `${path}/${k}` : k);
      if (p !== null) return p;
    }
  }
  return null;
}

/** spa: answer GET of a non-API, extension-less path with the web UI's index.html (client-side routes). */
export function installErrorHandling(app: FastifyInstance, opts: { spa?: boolean } = {}): void {
  // A NUL character is refused up front: PostgreSQL text cannot hold one (the insert would fail as a 500) and SQLite
  // would store it silently.
  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const at = nulAt(part);
      if (at !== null) throw new Invalid({ field: at || '(body)', code: 'invalid.value' });
    }
  });
  app.setErrorHandler((err: FastifyError & { validation?: AjvError[] }, req, reply) => {
    if (err instanceof DomainError) {
      if (err instanceof TooMany) reply.header('retry-after', String(err.retryAfterSeconds));
      return sendProblem(reply, req, err.status, err.code, err.params, err.errors, err.extra);
    }
    if (err.validation) {
      return sendProblem(reply, req, 400, 'invalid', {}, err.validation.map(ajvToField));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && err.statusCode === 400)) {
      return sendProblem(reply, req, 400, 'invalid.json');
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return sendProblem(reply, req, 413, 'invalid.tooLarge');
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) return sendProblem(reply, req, 415, 'invalid', {}, [{ field: 'content-type', code: 'invalid.value' }]);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, req, err.statusCode, 'invalid', {}, [{ field: '(request)', code: 'invalid.value' }]);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, 500, 'internal');
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (opts.spa && req.method === 'GET' && !path.startsWith('/api/') && !/\.\w+$/.test(path)) return reply.sendFile('index.html');
    return sendProblem(reply, req, 404, 'notFound');
  });
}
