import { isIPv6 } from 'node:net';
import type { PersonalDataKind } from '../kinds';
import { Detector, mask } from './Detector';
import {
  cardNetworkMatches,
  ibanValid,
  isUninterestingIpv4,
  luhnValid,
  nationalIdValid,
} from './personalDataChecks';
import { lineBefore, scanBack } from './textScan';

const EMAIL_LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const HEX_CHAR = /[0-9A-Fa-f]/;

// `span_id": "`, `traceId=`, `ID: `: the value is an identifier.
const ID_KEY_BEFORE =
  /(?:(?<![A-Za-z])id|[_-]id|[a-z]Id|ID)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?$/;

/** The detectors of personal data, fresh (their patterns keep state). */
export function personalDataDetectors(): Record<
  PersonalDataKind,
  Detector | Detector[]
> {
  return {
    email: {
      kind: 'email',
      hints: ['@'],
      // Finds the domain; the local part is read backwards from the '@'.
      pattern: /@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
      replace: (m, text) => {
        const start = scanBack(text, m.index, EMAIL_LOCAL_CHAR, 65);
        const local = text.slice(start, m.index);
        // git@github.com:org/repo.git is an SSH remote, not a person.
        return local.length === 0 || local.length > 64 || local === 'git'
          ? undefined
          : { text: mask('email'), start };
      },
    },
    ipv6: {
      kind: 'ipv6',
      hints: [':'],
      // Starts at the first ':'; the first group is read backwards.
      pattern:
        /:[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,6}(?:\.\d{1,3}){0,3}(?:%[A-Za-z0-9]{1,16})?(?![\w:]|\.\d)/g,
      replace: (m, text) => {
        const start = scanBack(text, m.index, HEX_CHAR, 5);
        if (
          m.index - start > 4 ||
          (start > 0 && /[\w:.]/.test(text[start - 1]))
        ) {
          return undefined;
        }
        const address = text.slice(start, m.index) + m[0].split('%')[0];
        const groups = address.split(':').filter(g => g !== '');
        return isIPv6(address) && /\d/.test(address) && groups.length >= 2
          ? { text: mask('ipv6'), start }
          : undefined;
      },
    },
    ipv4: {
      kind: 'ipv4',
      hints: ['.'],
      pattern:
        /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g,
      replace: m => (isUninterestingIpv4(m[0]) ? undefined : mask('ipv4')),
    },
    iban: {
      kind: 'iban',
      pattern:
        /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
      replace: m => (ibanValid(m[0]) ? mask('iban') : undefined),
    },
    credit_card: {
      kind: 'credit_card',
      pattern:
        /(?<![\w.-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})(?![\w-]|[.,]\d)/g,
      replace: (m, text) => {
        const digits = m[0].replace(/\D/g, '');
        if (
          digits.length === m[0].length &&
          ID_KEY_BEFORE.test(lineBefore(text, m.index, 40))
        ) {
          return undefined; // an all-digit hex identifier such as a span id
        }
        return digits.length >= 13 &&
          digits.length <= 19 &&
          cardNetworkMatches(digits) &&
          luhnValid(digits)
          ? mask('credit_card')
          : undefined;
      },
    },
    us_ssn: {
      kind: 'us_ssn',
      hints: ['-'],
      pattern:
        /(?<![\w.-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-]|[.,]\d)/g,
      replace: () => mask('us_ssn'),
    },
    national_id: {
      kind: 'national_id',
      pattern:
        /(?<![\w.-])(?:\d{3}[ -]\d{3}[ -]\d{3}|[XYZ]?\d{7,8}-?[A-Z]|[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]|[A-Z]{5}\d{4}[A-Z])(?![\w-]|[.,]\d)/g,
      replace: m => (nationalIdValid(m[0]) ? mask('national_id') : undefined),
    },
    phone: [
      {
        kind: 'phone',
        hints: ['+'],
        pattern: /(?<![\w+])\+[1-9](?:[ .-]?\(?\d\)?){7,14}(?!\d|[.,]\d)/g,
        replace: m => {
          const digits = m[0].replace(/\D/g, '');
          const separated = /[ .()-]/.test(m[0]);
          return separated || digits.length >= 10 ? mask('phone') : undefined;
        },
      },
      {
        kind: 'phone',
        // National formats: (415) 555-0132, 415-555-0132, 020 7946 0958,
        // 030 12345678, 06 12 34 56 78, 0044 20 7946 0958.
        pattern:
          /(?<![\w.+/:-])(?:(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ ]?\d{3}[ .-]\d{4}|[2-9]\d{2}([.-])\d{3}\1\d{4})|00[1-9]\d{0,3}(?:[ .-]\d{1,5}){2,5}|0[1-9]\d{0,4}(?:[ /-]\d{2,8}){1,4})(?![\w/:-]|[.,]\d)/g,
        replace: m => {
          const digits = m[0].replace(/\D/g, '');
          if (m[0].startsWith('00')) {
            return digits.length >= 11 && digits.length <= 17
              ? mask('phone')
              : undefined;
          }
          if (m[0].startsWith('0')) {
            const date = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(m[0]);
            return !date && digits.length >= 10 && digits.length <= 13
              ? mask('phone')
              : undefined;
          }
          return mask('phone');
        },
      },
      {
        kind: 'phone',
        // Any number introduced as one: "phone: 4155550132", "tel 0301234567".
        pattern:
          /(?<![A-Za-z])((?:phone|tel|mobile|cell|fax|whatsapp|sms|telefon|handy)(?:[ _-]?(?:number|num|no|nr|phone))?s?(?![A-Za-z])["']?[ \t]{0,4}[:=#.]?[ \t]{0,4}["']?)(\+?\d[\d ().-]{5,18}\d)(?![\w-]|[.,]\d)/gi,
        replace: m => {
          const digits = m[2].replace(/\D/g, '');
          const date = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(m[2]);
          return !date && digits.length >= 7 && digits.length <= 15
            ? m[1] + mask('phone')
            : undefined;
        },
      },
    ],
  };
}
