// Is this upload what its name says? Allowed extensions map to a MIME type; the binary formats are also checked by
// their first bytes, so that a renamed executable is not taken for a PDF or a photo. Errors name the field 'file'.
import { Invalid } from '../errors.js';

/** Leading bytes of a format, null for "any byte" (e.g. WebP: RIFF, four bytes of length, WEBP). */
export type Magic = readonly (readonly (number | null)[])[];

export const extensionOf = (filename: string) => (filename.match(/\.[^.]+$/)?.[0] ?? '').toLowerCase();

/** The file's MIME type, or Invalid: an extension not allowed, too large, empty, or not starting as its format does. */
export function checkFile(filename: string, data: Buffer, limit: number, types: Record<string, string>, magic: Record<string, Magic>): string {
  const ext = extensionOf(filename);
  if (!Object.hasOwn(types, ext)) throw new Invalid({ field: 'file', code: 'invalid.enum', params: { allowed: Object.keys(types).join(' ') } });
  if (data.length > limit) throw new Invalid({ field: 'file', code: 'invalid.tooLarge' }, 'invalid.tooLarge');
  if (!data.length) throw new Invalid({ field: 'file', code: 'invalid.required' });
  const m = magic[ext];
  if (m && !m.some((bytes) => bytes.every((b, i) => b === null || data[i] === b))) throw new Invalid({ field: 'file', code: 'invalid.format', params: { format: ext } });
  return types[ext];
}
