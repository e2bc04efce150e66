/**
 * The Chinese font every generated PDF carries: WenQuanYi Micro Hei (Apache-2.0 / GPL-3+ with font exception,
 * assets/fonts/LICENSE-wqy-microhei.txt), a TrueType-outline collection with a proportional face and a monospaced
 * face. Each document embeds a subset of the glyphs it uses, so it renders on machines with no Chinese fonts
 * (CFF-outline CJK faces such as Noto/Source Han subset into broken fonts with pdf-lib: see STACK-NOTES).
 * The file is read once per process, from a path relative to this module, so src/ (tsx) and dist/ both find it.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export const FONT_URL = new URL('../../../assets/fonts/wqy-microhei.ttc', import.meta.url);

/** The faces of the collection, by PostScript name. */
export const FACES = { sans: 'WenQuanYiMicroHei', mono: 'WenQuanYiMicroHeiMono' } as const;
export type Face = keyof typeof FACES;

let cached: Uint8Array | undefined;

export function fontBytes(): Uint8Array {
  cached ??= new Uint8Array(readFileSync(FONT_URL));
  return cached;
}

/** A subset tag: six capital letters, as PDF readers expect before the name of a subset font (ISO 32000 9.6.4). */
function subsetTag(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** Parsed faces, kept: parsing the collection's tables costs more than making a subset. */
const parsed = new Map<Face, ReturnType<typeof fontkit.create>>();

/** Embeds one face of the collection as a subset; pdf-lib asks fontkit for the font, which picks the face by name. */
export async function embedFace(doc: PDFDocument, face: Face): Promise<PDFFont> {
  const name = FACES[face];
  doc.registerFontkit({
    create: (data: Uint8Array) => {
      const font = parsed.get(face) ?? fontkit.create(data, name);
      parsed.set(face, font);
      return font;
    },
  });
  return doc.embedFont(fontBytes(), { subset: true, customName: `${subsetTag()}+${name}` });
}

export interface Fonts {
  sans: PDFFont;
  mono: PDFFont;
}

/** Both faces; a face no text uses adds only its empty subset's few hundred bytes. */
export async function embedFonts(doc: PDFDocument, faces: readonly Face[] = ['sans']): Promise<Fonts> {
  const sans = await embedFace(doc, 'sans');
  const mono = faces.includes('mono') ? await embedFace(doc, 'mono') : sans;
  return { sans, mono };
}
