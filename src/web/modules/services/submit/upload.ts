import { useCallback, useRef, useState } from 'react';
import { ApiError, errorFromResponse, getCsrfToken } from '../../../app/api.ts';
import { currentLanguage } from '../../../app/i18n.ts';
import type { UploadedFile } from '../types.ts';

/** Uploads one file (multipart field "file") and reports progress from 0 to 1. */
export function uploadFile(file: File, onProgress: (share: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLanguage());
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadedFile);
        } catch {
          reject(new ApiError(xhr.status, { code: 'internal' }));
        }
      } else reject(errorFromResponse(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network' }));
    xhr.onabort = () => reject(new ApiError(0, { code: 'network' }));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

/** A file already stored on the server, as a draft remembers it. */
export interface StoredFile {
  id: string;
  name: string;
  size: number;
}

export type UploadState =
  | { state: 'uploading'; name: string; size: number; progress: number }
  | { state: 'done'; file: StoredFile }
  | { state: 'failed'; name: string; size: number; error: ApiError };

/**
 * Uploads by slot (a dossier component, or an action's attachment): progress, and a retry that sends
 * the same file again without asking the user to pick it anew.
 */
export function useUploads(initial: Record<string, StoredFile> = {}) {
  const [states, setStates] = useState<Record<string, UploadState>>(() =>
    Object.fromEntries(Object.entries(initial).map(([k, file]) => [k, { state: 'done', file }])),
  );
  const pending = useRef(new Map<string, File>());

  const start = useCallback(async (slot: string, file: File): Promise<StoredFile | null> => {
    pending.current.set(slot, file);
    const set = (s: UploadState) => setStates((all) => ({ ...all, [slot]: s }));
    set({ state: 'uploading', name: file.name, size: file.size, progress: 0 });
    try {
      const uploaded = await uploadFile(file, (progress) =>
        setStates((all) =>
          all[slot]?.state === 'uploading' && pending.current.get(slot) === file
            ? { ...all, [slot]: { state: 'uploading', name: file.name, size: file.size, progress } }
            : all,
        ),
      );
      if (pending.current.get(slot) !== file) return null; // replaced meanwhile
      const stored = { id: uploaded.id, name: uploaded.name, size: uploaded.size };
      set({ state: 'done', file: stored });
      return stored;
    } catch (err) {
      if (pending.current.get(slot) !== file) return null;
      const error = err instanceof ApiError ? err : new ApiError(0, { code: 'network' });
      set({ state: 'failed', name: file.name, size: file.size, error });
      return null;
    }
  }, []);

  const retry = useCallback(
    (slot: string) => {
      const file = pending.current.get(slot);
      return file ? start(slot, file) : Promise.resolve(null);
    },
    [start],
  );

  const remove = useCallback((slot: string) => {
    pending.current.delete(slot);
    setStates((all) => {
      const { [slot]: _gone, ...rest } = all;
      return rest;
    });
  }, []);

  const reset = useCallback((next: Record<string, StoredFile> = {}) => {
    pending.current.clear();
    setStates(Object.fromEntries(Object.entries(next).map(([k, file]) => [k, { state: 'done', file }])));
  }, []);

  /** Files ready to send, by slot. */
  const done: Record<string, StoredFile> = {};
  for (const [slot, s] of Object.entries(states)) if (s.state === 'done') done[slot] = s.file;
  const busy = Object.values(states).some((s) => s.state === 'uploading');

  return { states, start, retry, remove, reset, done, busy };
}

export type Uploads = ReturnType<typeof useUploads>;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What the file pickers offer: the types the server accepts (checked again there from the content). */
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.webp,.tif,.tiff,.docx,.xlsx,.odt';
