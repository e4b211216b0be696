// File upload with progress (XMLHttpRequest: fetch has no upload progress). Multipart field "file".
import { commonHeaders } from './client';
import { reportIfSignedOut, toApiError } from './errors';

export function uploadFile<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(commonHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    xhr.onerror = () => reject(toApiError(0, null, 'network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(100); resolve(body as T); return; }
      const err = toApiError(xhr.status, body, xhr.statusText);
      reportIfSignedOut(err);
      reject(err);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
