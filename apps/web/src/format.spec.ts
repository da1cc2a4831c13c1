import { dueText, hoursLeft } from './deadlines';
import { formatDate, formatDateTime, formatTime, plural } from './format';

describe('French dates and counts of the web application', () => {
  it('writes dates as a French reader does, the first of the month as « 1er »', () => {
    expect(formatDate('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDate('2026-12-15')).toBe('15 décembre 2026');
    expect(formatDate('2027-03-11T23:30:00Z')).toBe('12 mars 2027');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('writes times « 14 h 05 », in Paris time', () => {
    expect(formatTime('2026-12-01T13:05:00Z')).toBe('14 h 05');
    expect(formatTime('2026-07-01T07:00:00Z')).toBe('9 h 00');
    expect(formatDateTime('2026-12-01T13:05:00Z')).toBe('1er décembre 2026 à 14 h 05');
  });

  it('counts in words', () => {
    expect(plural(0, 'traitement')).toBe('aucun traitement');
    expect(plural(1, 'traitement')).toBe('1 traitement');
    expect(plural(1300, 'traitement')).toBe('1\u202f300 traitements');
  });

  it('tells the time left on the 72-hour clock and the days left to answer a request', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(hoursLeft('2026-12-03T08:30:00Z', now)).toEqual({ text: 'encore 46 h 30', overdue: false });
    expect(hoursLeft('2026-12-01T09:15:00Z', now)).toEqual({ text: 'dépassé de 45 min', overdue: true });
    expect(dueText('2026-12-01', now)).toBe("échéance aujourd'hui");
    expect(dueText('2026-12-02', now)).toBe('échéance demain');
    expect(dueText('2026-12-11', now)).toBe('dans 10 jours');
    expect(dueText('2026-11-30', now)).toBe('en retard de 1 jour');
    expect(dueText('2026-11-27', now)).toBe('en retard de 4 jours');
  });
});
