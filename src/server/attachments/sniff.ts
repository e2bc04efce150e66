/**
 * Content-based file type detection for uploaded attachments.
 * Only the bytes are inspected — never the client-supplied file name or MIME type.
 */
import { unzipSync } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { DETECTED_TYPE_INFO, type DetectedType } from '../../shared/attachments.js';

export {
  ATTACHMENT_KIND_LABELS,
  ATTACHMENT_KINDS,
  type AttachmentKind,
  allowedTypes,
  type DetectedType,
  isAttachmentKind,
  isTypeAllowed,
} from '../../shared/attachments.js';

export interface Detected {
  type: DetectedType;
  mime: string;
  ext: string;
}

/** Upper bound on central-directory entries we are willing to walk (guards against forged entry counts). */
const MAX_ZIP_ENTRIES = 10_000;

function detected(type: DetectedType): Detected {
  const info = DETECTED_TYPE_INFO[type];
  return { type, mime: info.mime, ext: info.ext };
}

/**
 * Lists the entry names of a zip archive without inflating anything (zip-bomb safe).
 * Returns null if the archive cannot be parsed.
 */
export function listZipEntries(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter(file) {
        // fflate does not verify central-directory signatures; reads past the end yield empty names.
        if (file.name === '' || names.length >= MAX_ZIP_ENTRIES) throw new Error('invalid zip central directory');
        names.push(file.name);
        return false; // never decompress
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** Detects the type from the bytes only (never the file name). Returns null for anything else. */
export async function detectFileType(bytes: Uint8Array): Promise<Detected | null> {
  if (bytes.length === 0) return null;

  let ft: Awaited<ReturnType<typeof fileTypeFromBuffer>>;
  try {
    ft = await fileTypeFromBuffer(bytes);
  } catch {
    return null;
  }
  if (!ft) return null;

  switch (ft.ext) {
    case 'pdf':
      return detected('pdf');
    case 'jpg':
      return detected('jpeg');
    case 'png':
    case 'apng': // animated PNG is still a valid PNG
      return detected('png');
    case 'docx': {
      const names = listZipEntries(bytes);
      if (!names?.includes('word/document.xml') || !names.includes('[Content_Types].xml')) return null;
      return detected('docx');
    }
    case 'zip': {
      const names = listZipEntries(bytes);
      if (!names?.includes('OFD.xml')) return null;
      return detected('ofd');
    }
    default:
      return null;
  }
}

/**
 * The entry names of a zip archive read from its last bytes only: the end-of-central-directory record and the
 * central directory before it (names only, nothing inflated). Null when the tail does not hold them.
 */
export function zipEntriesFromTail(tail: Uint8Array): string[] | null {
  const buf = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 0xffff; i--) {
    if (buf.readUInt32LE(i) !== EOCD) continue;
    if (i + 22 + buf.readUInt16LE(i + 20) !== buf.length) continue;
    const count = buf.readUInt16LE(i + 10);
    const size = buf.readUInt32LE(i + 12);
    if (count > MAX_ZIP_ENTRIES || size > i) return null;
    const names: string[] = [];
    let at = i - size;
    for (let n = 0; n < count; n++) {
      if (at + 46 > i || buf.readUInt32LE(at) !== CEN) return null;
      const nameLen = buf.readUInt16LE(at + 28);
      const next = at + 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
      if (next > i) return null;
      names.push(buf.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
      at = next;
    }
    return names;
  }
  return null;
}

/** How much of a file's start and end is kept while it streams, for detectStreamed. */
export const SNIFF_BYTES = 1024 * 1024;

/**
 * Detects the type of a file seen while it streamed: its first and last SNIFF_BYTES. A file that fitted in `head`
 * is judged exactly like detectFileType; a longer one by its magic bytes, and a zip (DOCX, OFD) by the central
 * directory at its end.
 */
export async function detectStreamed(head: Uint8Array, tail: Uint8Array, size: number): Promise<Detected | null> {
  if (size <= head.length) return detectFileType(head);
  let ft: Awaited<ReturnType<typeof fileTypeFromBuffer>>;
  try {
    ft = await fileTypeFromBuffer(head);
  } catch {
    return null;
  }
  switch (ft?.ext) {
    case 'pdf':
      return detected('pdf');
    case 'jpg':
      return detected('jpeg');
    case 'png':
    case 'apng':
      return detected('png');
    case 'docx':
    case 'zip': {
      const names = zipEntriesFromTail(tail);
      if (names?.includes('word/document.xml') && names.includes('[Content_Types].xml')) return detected('docx');
      if (names?.includes('OFD.xml')) return detected('ofd');
      return null;
    }
    default:
      return null;
  }
}
