import { SecretKind } from './secretKind';

/** Personal data: e-mail and IP addresses, bank and card numbers, national identifiers, phone numbers. */
export const PERSONAL_DATA: SecretKind[] = [
  {
    kind: 'email',
    values: ['dana.whitfield@northwind.example', 'ops+oncall@example.org'],
    contexts: [
      'paged $ at 03:12',
      'reporter: $',
      '{"user": {"email": "$"}}',
      'mailto:$',
    ],
  },
  {
    kind: 'ipv4',
    values: ['203.0.113.42', '198.51.100.7'],
    contexts: [
      'client $ sent 4000 requests',
      'X-Forwarded-For: $, 10.0.0.1',
      'instance=$:9100',
    ],
  },
  {
    kind: 'ipv6',
    values: ['2001:db8:85a3::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a'],
    contexts: ['client [$]:443 reset', 'peer $ timed out'],
  },
  {
    kind: 'iban',
    values: ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000'],
    contexts: ['refund to $ failed', '{"iban":"$"}'],
  },
  {
    kind: 'credit_card',
    values: [
      '4111 1111 1111 1111',
      '5555555555554444',
      '3782-822463-10005',
      '6011000990139424',
    ],
    contexts: ['charge on card $ declined', '{"pan":"$"}'],
  },
  {
    kind: 'us_ssn',
    values: ['219-09-9999', '078-05-1121'],
    contexts: ['customer ssn $ in payload', 'ssn=$'],
  },
  {
    kind: 'national_id',
    values: ['QQ123456C', '12345678Z', '046 454 286', 'ABCPE1234F'],
    contexts: ['customer id document $ on file', '{"nationalId":"$"}'],
  },
  {
    kind: 'phone_international',
    values: ['+1 415 555 0132', '+44 20 7946 0958', '+4915112345678'],
    contexts: ['SMS to $ failed', '{"phone":"$"}'],
  },
  {
    kind: 'phone_national',
    values: [
      '(415) 555-0132',
      '415-555-0198',
      '020 7946 0958',
      '030 12345678',
      '06 12 34 56 78',
      '0044 20 7946 0958',
    ],
    contexts: [
      'escalated to on-call at $',
      'customer called from $ about refunds',
      'phone: $',
    ],
  },
  {
    kind: 'phone_labelled',
    values: ['4155550132', '07700900123'],
    contexts: ['phone: $', 'mobile=$', '{"tel":"$"}'],
  },
];
