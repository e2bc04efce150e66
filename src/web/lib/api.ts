/**
 * The one way the web app talks to the API: JSON in, JSON out, errors as ApiError with their field errors. What a
 * call answers is a type of src/shared/api (`api<FilingResponse>(…)`), never a shape written here.
 */
import type { FieldErrorView } from '../../shared/api/common.js';

/** A field error: the server's Chinese `message`, and a validation catalog `code` to render (lib/errors.ts). */
export type FieldError = FieldErrorView;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse<T>(res.status, res.headers.get('content-type'), await res.text());
}

export function parse<T>(status: number, contentType: string | null, text: string): T {
  const json = contentType?.includes('application/json') && text ? JSON.parse(text) : undefined;
  if (status >= 400) {
    const err = json?.error ?? {};
    throw new ApiError(status, err.code ?? 'error', err.message ?? `HTTP ${status}`, json?.errors ?? []);
  }
  return json as T;
}

/** Uploads a file with progress (fetch cannot report upload progress). */
export function uploadWithProgress<T>(
  method: 'POST' | 'PUT',
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(parse<T>(xhr.status, xhr.getResponseHeader('content-type'), xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.send(form);
  });
}
