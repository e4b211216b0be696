// Reads the single uploaded file of a multipart request; only the allowed kinds pass. A file over the upload limit
// answers 413 invalid.tooLarge (problem.ts), whatever route it came to.
import type { FastifyRequest } from 'fastify';
import { Invalid } from '../errors.js';
import { message } from '../../../common/messages.js';
import { requestLocale } from './problem.js';

/**
 * `allowed`: the file name endings accepted here (an import's .xlsx), or null when the service checks the file
 * itself by its content (attachments and photos: platform/files/check.ts).
 */
export async function readUpload(req: FastifyRequest, allowed: string[] | null = ['.xlsx']): Promise<{ filename: string; buffer: Buffer }> {
  if (!req.isMultipart()) throw new Invalid({ field: 'file', code: 'invalid.required' });
  const part = await req.file();
  if (!part) throw new Invalid({ field: 'file', code: 'invalid.required' });
  const ext = (part.filename.match(/\.[^.]+$/)?.[0] ?? '').toLowerCase();
  if (allowed && !allowed.includes(ext)) {
    part.file.resume();
    throw new Invalid({ field: 'file', code: 'invalid.enum', params: { allowed: allowed.join(', ') } });
  }
  const buffer = await part.toBuffer();
  return { filename: part.filename, buffer };
}

/** Adds the localized message to each import error for the preview table. */
export function localizeRowErrors(req: FastifyRequest, errors: { row: number; field: string; code: string; params?: Record<string, unknown> }[]) {
  const locale = requestLocale(req);
  return errors.map((e) => ({ row: e.row, field: e.field, code: e.code, message: message(e.code, locale, e.params) }));
}
