export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether the number starts like a card of a known network with that length. */
export function cardNetworkMatches(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') {
    return len === 13 || len === 16 || len === 19; // Visa
  }
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
    return len === 16; // Mastercard
  }
  if (p2 === 34 || p2 === 37) {
    return len === 15; // American Express
  }
  if (p2 === 36 || (p3 >= 300 && p3 <= 305)) {
    return len >= 14 && len <= 19; // Diners Club
  }
  if (p4 >= 3528 && p4 <= 3589) {
    return len >= 16 && len <= 19; // JCB
  }
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || p2 === 62) {
    return len >= 16 && len <= 19; // Discover, UnionPay
  }
  if ([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].includes(p4)) {
    return len >= 13 && len <= 19; // Maestro
  }
  return false;
}

// IBAN lengths per country (ISO 13616 registry).
// prettier-ignore
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18,
  NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24,
  SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '');
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined ? iban.length !== expected : iban.length < 15) {
    return false;
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : c;
    for (const d of value) {
      remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
    }
  }
  return remainder === 1;
}

export function isUninterestingIpv4(ip: string): boolean {
  const octets = ip.split('.').map(Number);
  if (octets[0] === 127 || octets.every(o => o === 0)) {
    return true; // loopback, unspecified
  }
  // Netmasks such as 255.255.255.0.
  const maskOctets = [0, 128, 192, 224, 240, 248, 252, 254, 255];
  return octets[0] === 255 && octets.every(o => maskOctets.includes(o));
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Whether a candidate is a valid national id of a supported country. */
export function nationalIdValid(candidate: string): boolean {
  const compact = candidate.replace(/[ -]/g, '');
  if (/^\d{9}$/.test(compact)) {
    // Canadian SIN: Luhn, written with separators.
    return /[ -]/.test(candidate) && luhnValid(compact);
  }
  if (/^[XYZ]?\d{7,8}[A-Z]$/.test(compact)) {
    // Spanish DNI / NIE: the letter is a checksum.
    const digits = compact
      .slice(0, -1)
      .replace(/^X/, '0')
      .replace(/^Y/, '1')
      .replace(/^Z/, '2');
    return (
      digits.length === 8 &&
      DNI_LETTERS[Number(digits) % 23] === compact[compact.length - 1]
    );
  }
  if (/^[A-Z]{2}\d{6}[A-D]$/.test(compact)) {
    // UK National Insurance number.
    return (
      !/^(?:BG|GB|NK|KN|TN|NT|ZZ)/.test(compact) &&
      // (QQ is invalid but HMRC's own example: masked too.)
      !/[DFIUV]/.test(compact.slice(0, 2)) &&
      compact[1] !== 'O'
    );
  }
  if (/^[A-Z]{5}\d{4}[A-Z]$/.test(compact)) {
    // Indian PAN: the fourth letter is the holder type.
    return 'ABCFGHLJPT'.includes(compact[3]);
  }
  return false;
}
