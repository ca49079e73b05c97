import { expect } from '@open-wc/testing';
import { normalizePostalCode } from './postal-code.js';

// [input, what the Content API is sent]
const VALID: [string, string][] = [
  // US ZIP and ZIP+4
  ['10001', '10001'],
  ['90210', '90210'],
  ['00501', '00501'],
  ['75008', '75008'], // a Paris code, but a perfectly valid US ZIP format
  ['12345-6789', '12345-6789'],
  ['  10001  ', '10001'],
  ['\t99950\n', '99950'],
  // Canadian postal codes: any case, space optional, surrounding whitespace trimmed
  ['K1A 0B1', 'K1A 0B1'],
  ['K1A0B1', 'K1A 0B1'],
  ['k1a 0b1', 'K1A 0B1'],
  ['k1a0b1', 'K1A 0B1'],
  [' m5v 2t6 ', 'M5V 2T6'],
  ['H0H 0H0', 'H0H 0H0'],
  ['X0A 0H0', 'X0A 0H0'],
  ['Y1A 9Z9', 'Y1A 9Z9'], // Y may come first; Z may come later
  ['A1W 1Z1', 'A1W 1Z1'], // W and Z are fine after the first position
  ['T2P 1J9', 'T2P 1J9'],
  ['V6B4Y8', 'V6B 4Y8'],
  ['B3H 4R2', 'B3H 4R2'],
];

const FORBIDDEN = ['D', 'F', 'I', 'O', 'Q', 'U'];

const INVALID: string[] = [
  '',
  ' ',
  '     \t  ',
  '1234',
  '123456',
  '12345-678',
  '12345-67890',
  '1234-56789',
  '12345 6789',
  '12345-',
  'ABCDE',
  '1OOO1',
  '１０００１', // full-width digits
  '١٠٠٠١', // Arabic-Indic digits
  // foreign codes
  'SW1A 1AA',
  'EC1A 1BB',
  'W1A 0AX',
  '75008 Paris',
  'F-75008',
  '2000',
  '100-0001',
  '01310-100',
  'D-10115',
  // Canadian shapes that break the rules
  ...FORBIDDEN.map((l) => `${l}1A 0B1`), // forbidden first letters
  'W1A 0B1', // W never first
  'Z1A 0B1', // Z never first
  ...FORBIDDEN.map((l) => `K1${l} 0B1`), // forbidden third letters
  ...FORBIDDEN.map((l) => `K1A 0${l}1`), // forbidden fifth letters
  'K1A  0B1',
  'K1A-0B1',
  'K1A 0B',
  'K1A 0B12',
  'KK1 0B1',
  '1K1 A0B',
  'K1A 0B1 X',
  'K1A_0B1',
  // very long input
  '1'.repeat(1000),
  'K1A 0B1'.repeat(143),
  `10001${'x'.repeat(995)}`,
];

describe('normalizePostalCode', () => {
  it('accepts US ZIP / ZIP+4 and Canadian codes, normalized for the API', () => {
    for (const [input, expected] of VALID) {
      expect(normalizePostalCode(input)?.code, JSON.stringify(input)).to.equal(expected);
    }
    expect(normalizePostalCode('k1a0b1')?.country).to.equal('CA');
    expect(normalizePostalCode('10001')?.country).to.equal('US');
  });

  it('rejects everything else: foreign codes, forbidden letters, blanks, long input', () => {
    for (const input of INVALID) {
      expect(normalizePostalCode(input), JSON.stringify(input.slice(0, 40))).to.equal(null);
    }
  });

  it('keeps to the countries the publisher searches', () => {
    expect(normalizePostalCode('K1A 0B1', ['US'])).to.equal(null);
    expect(normalizePostalCode('10001', ['US'])?.code).to.equal('10001');
    expect(normalizePostalCode('10001', ['CA'])).to.equal(null);
    expect(normalizePostalCode('k1a0b1', ['CA'])?.code).to.equal('K1A 0B1');
  });
});
