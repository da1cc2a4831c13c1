import { cnilDelayFr, formatDelayFr } from './breach-labels';
import { neutraliseFormula } from './breach-register.xlsx';

describe('delays in French', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h 00 min'],
    [125, '2 h 05 min'],
    [71 * 60 + 59, '71 h 59 min'],
    [80 * 60, '80 h 00 min (3 jours 8 h)'],
    [96 * 60 + 5, '96 h 05 min (4 jours)'],
    [-30, '− 30 min'],
  ])('%i minutes read « %s »', (minutes, text) => {
    expect(formatDelayFr(minutes)).toBe(text);
  });

  it('says whether the CNIL was notified within the 72 hours of Art. 33.1', () => {
    const awareAt = new Date('2026-03-28T09:00:00Z');
    const notificationDeadline = new Date('2026-03-31T09:00:00Z');
    expect(cnilDelayFr({ awareAt, notificationDeadline, cnilNotifiedAt: null })).toBe('—');
    expect(
      cnilDelayFr({ awareAt, notificationDeadline, cnilNotifiedAt: new Date('2026-03-30T14:45:00Z') }),
    ).toBe('53 h 45 min après la prise de connaissance (dans le délai de 72 heures)');
    expect(cnilDelayFr({ awareAt, notificationDeadline, cnilNotifiedAt: notificationDeadline })).toMatch(
      /dans le délai/,
    );
    expect(
      cnilDelayFr({ awareAt, notificationDeadline, cnilNotifiedAt: new Date('2026-03-31T09:01:00Z') }),
    ).toBe('72 h 01 min (3 jours) après la prise de connaissance (au-delà du délai de 72 heures)');
  });
});

describe('register workbook cells', () => {
  it('keeps typed text that a spreadsheet would run as a formula as text', () => {
    expect(neutraliseFormula('=SOMME(A1:A2)')).toBe("'=SOMME(A1:A2)");
    expect(neutraliseFormula('+33 1 45 00 00 00')).toBe("'+33 1 45 00 00 00");
    expect(neutraliseFormula('@cmd')).toBe("'@cmd");
    expect(neutraliseFormula('Courriel mal adressé')).toBe('Courriel mal adressé');
    expect(neutraliseFormula(-3)).toBe(-3);
    expect(neutraliseFormula(null)).toBeNull();
  });
});
