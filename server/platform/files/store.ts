// Uploaded files on disk: UPLOAD_DIR/<yyyy-mm>/<id>, written once and never changed; the database row that refers to
// the file (its module's table) keeps the name, type, size and sha256. With several instances UPLOAD_DIR must be
// shared storage. Used by task attachments and 月报 photos.
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFile { storagePath: string; size: number; sha256: string }

/** A name safe to keep and to send back in a header: no path separators or control characters, at most 200 characters. */
export function safeFilename(name: string): string {
  return name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
}

/** Writes the bytes under UPLOAD_DIR/<yyyy-mm of now>/<id>. */
export async function storeFile(uploadDir: string, id: string, now: Date, data: Buffer): Promise<StoredFile> {
  const month = now.toISOString().slice(0, 7);
  await mkdir(join(uploadDir, month), { recursive: true });
  const storagePath = join(month, id);
  await writeFile(join(uploadDir, storagePath), data);
  return { storagePath, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** The stored bytes, to stream back. */
export function openStoredFile(uploadDir: string, storagePath: string): ReadStream {
  return createReadStream(join(uploadDir, storagePath));
}

/** Removes a stored file (after its row is gone, or when the row could not be written); a missing file is no error. */
export async function removeStoredFile(uploadDir: string, storagePath: string): Promise<void> {
  await rm(join(uploadDir, storagePath), { force: true });
}
