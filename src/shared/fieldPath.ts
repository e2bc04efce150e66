/**
 * Field paths as the API names them (SPEC §2): `platform.publishUrls[0]`, and the segment form used by zod,
 * JSON pointers and form libraries: ['platform', 'publishUrls', 0].
 */
export type Segments = readonly (string | number | symbol)[];

export function toFieldPath(segments: Segments): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(String(s))) out += `[${String(s)}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}

export function toNamePath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1] as string);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}
