// Shrinks a photo in the browser before it is uploaded, to spare a phone's data and the server's disk: a JPEG, PNG or
// WebP whose longest side is over 1600 px or which is over 1.5 MB is drawn onto a canvas at most 1600 px on its longest
// side and exported as JPEG (quality 0.85), named as the original with ".jpg". Anything else — a small photo, another
// type, a file the browser cannot decode — goes as it is, and so does the original when the JPEG would not be smaller.
// Used for 月报 photos (pages/projects/ReportPhotos.tsx); meant to serve any other photo upload as well.

export const SHRINK_MAX_SIDE = 1600;
export const SHRINK_MAX_BYTES = 1.5 * 1024 * 1024;
export const SHRINK_QUALITY = 0.85;
const SHRINKABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

interface Decoded { width: number; height: number; source: CanvasImageSource; release: () => void }

/** The picture, turned upright by its EXIF orientation (createImageBitmap, else an <img>, which browsers orient). */
async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { width: bitmap.width, height: bitmap.height, source: bitmap, release: () => bitmap.close() };
    } catch { /* an older browser (no options) or a format it cannot read this way: try an <img> */ }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight, source: img, release: () => URL.revokeObjectURL(url) };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

/** "IMG_0012.PNG" → "IMG_0012.jpg". */
export const jpegName = (name: string) => `${name.replace(/\.[^./\\]*$/, '') || 'photo'}.jpg`;

/** The size to draw at: the longest side at most `maxSide`, the proportions kept. */
export function fitWithin(width: number, height: number, maxSide = SHRINK_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The file to upload: `file` itself, or a smaller JPEG of it (see above). Never throws. */
export async function shrinkImage(file: File): Promise<File> {
  if (!SHRINKABLE.has(file.type)) return file;
  let pic: Decoded;
  try { pic = await decode(file); } catch { return file; }
  try {
    if (!pic.width || !pic.height) return file;
    if (Math.max(pic.width, pic.height) <= SHRINK_MAX_SIDE && file.size <= SHRINK_MAX_BYTES) return file;
    const size = fitWithin(pic.width, pic.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d');
    if (!g) return file;
    g.fillStyle = '#fff'; // a transparent PNG turns white, not black, in a JPEG
    g.fillRect(0, 0, size.width, size.height);
    g.imageSmoothingQuality = 'high';
    g.drawImage(pic.source, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', SHRINK_QUALITY));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  } finally {
    pic.release();
  }
}
