/**
 * Small, isomorphic text helpers shared by the validators.
 * No Node-specific APIs are used so this runs in browsers as well.
 */

const FULLWIDTH_START = 0xff01; // '！'
const FULLWIDTH_END = 0xff5e; // '～'
const FULLWIDTH_OFFSET = 0xfee0; // U+FF01 - U+0021
const IDEOGRAPHIC_SPACE = 0x3000;

/**
 * Convert full-width ASCII variants (U+FF01–U+FF5E) to their half-width
 * counterparts and the ideographic space (U+3000) to a regular space.
 * All other characters are left untouched.
 */
export function toHalfWidth(v: string): string {
  let out = '';
  for (const ch of v) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= FULLWIDTH_START && cp <= FULLWIDTH_END) {
      out += String.fromCharCode(cp - FULLWIDTH_OFFSET);
    } else if (cp === IDEOGRAPHIC_SPACE) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}
