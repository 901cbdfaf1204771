/**
 * Undoes the usual double-encoding damage (UTF-8 bytes shown through Mac Roman or Windows-1252), so that
 * `[‚úÖ]` reads as `[✅]`. Only used on short status boxes; returns null when the text is not such damage.
 */

const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function buildTable(high: string, latin1Tail: boolean): Map<string, number> {
  const table = new Map<string, number>();
  Array.from(high).forEach((char, index) => {
    table.set(char, 0x80 + index);
  });
  if (latin1Tail) {
    for (let byte = 0xa0; byte <= 0xff; byte += 1) table.set(String.fromCharCode(byte), byte);
  }
  return table;
}

const TABLES = [buildTable(MAC_ROMAN_HIGH, false), buildTable(CP1252_HIGH, true)];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeWith(text: string, table: Map<string, number>): string | null {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const byte = code < 0x80 ? code : table.get(char);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

export function repairMojibake(text: string): string | null {
  if (!/[^\p{ASCII}]/u.test(text)) return null;
  for (const table of TABLES) {
    const repaired = decodeWith(text, table);
    if (repaired !== null && repaired !== text) return repaired;
  }
  return null;
}
