/**
 * Whether a SIREN (the 9-digit French company number) is well formed: nine digits whose Luhn checksum is
 * valid. La Poste's historical SIREN 356000000 is the known exception, accepted as such.
 */
export function isValidSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  if (value === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    let digit = Number(value[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
