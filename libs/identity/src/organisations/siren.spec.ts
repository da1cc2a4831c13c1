import { isValidSiren, isValidSiret } from './siren';

describe('isValidSiren', () => {
  it.each(['732829320', '552100554', '219400413', '356000000'])('accepts %s', (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });

  it.each(['732829321', '12345678', '1234567890', '73282932A', ''])('refuses %s', (siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });
});

describe('isValidSiret', () => {
  it.each(['73282932000074', '21940041300015', '35600000000047'])('accepts %s', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each(['73282932000075', '73282932100074', '35600000000048', '7328293200007', '7328293200007A', ''])(
    'refuses %s',
    (siret) => {
      expect(isValidSiret(siret)).toBe(false);
    },
  );
});
