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

/**
 * Whether a SIRET (the 14-digit number of an establishment: its SIREN and a 5-digit NIC) is well formed:
 * fourteen digits, a valid SIREN, and a valid Luhn key on the whole number. La Poste's establishments
 * (SIREN 356000000) follow their own rule: the sum of the digits is a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value) || !isValidSiren(value.slice(0, 9))) return false;
  if (value.startsWith('356000000')) {
    return [...value].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let digit = Number(value[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
