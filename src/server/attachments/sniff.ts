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
