const TWO_32 = 0x1_0000_0000;
// The 64-bit FNV prime is 2^40 + 0x1b3: multiplying is a small product plus a shift by 40.
const PRIME_LOW = 0x1b3;

/**
 * The 64-bit FNV-1a hash of a string's UTF-8 bytes, as 16 lowercase hex
 * digits. Computed on two 32-bit halves with exact float arithmetic, so it
 * needs neither `BigInt` nor `node:crypto` and gives the same digits
 * everywhere. Not a cryptographic hash: it names content, it does not
 * protect it.
 *
 * @param text - any string (lone surrogates are hashed as U+FFFD, as UTF-8 encoders do)
 * @returns 16 hex digits
 * @example
 * ```ts
 * fnv1a64(''); // 'cbf29ce484222325'
 * fnv1a64('a'); // 'af63dc4c8601ec8c'
 * ```
 */
export function fnv1a64(text: string): string {
  // The offset basis 0xcbf29ce484222325, in halves.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  const add = (byte: number) => {
    low = (low ^ byte) >>> 0;
    const lowProduct = low * PRIME_LOW;
    const carry = Math.floor(lowProduct / TWO_32);
    high = (high * PRIME_LOW + carry + ((low << 8) >>> 0)) % TWO_32;
    low = lowProduct % TWO_32;
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) add(code);
    else if (code < 0x800) {
      add(0xc0 | (code >> 6));
      add(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      add(0xe0 | (code >> 12));
      add(0x80 | ((code >> 6) & 0x3f));
      add(0x80 | (code & 0x3f));
    } else {
      add(0xf0 | (code >> 18));
      add(0x80 | ((code >> 12) & 0x3f));
      add(0x80 | ((code >> 6) & 0x3f));
      add(0x80 | (code & 0x3f));
    }
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}
