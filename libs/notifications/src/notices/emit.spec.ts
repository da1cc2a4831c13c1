import { backoffMinutes } from '../delivery/deliver';
import { escapeHtml, noticeMail } from '../delivery/mail-templates';
import { effectiveDelivery } from './emit';
import { defaultDelivery } from './notice-kinds';

describe('delivery rules', () => {
  it('sends legal deadlines at once by default and never switches their e-mail off', () => {
    expect(defaultDelivery('breach.deadline-12h')).toBe('immediate');
    expect(defaultDelivery('questionnaire.sent')).toBe('digest');
    expect(effectiveDelivery('rights-request.overdue', 'off')).toBe('immediate');
    expect(effectiveDelivery('rights-request.overdue', 'digest')).toBe('digest');
    expect(effectiveDelivery('evidence.expiring', 'off')).toBe('off');
    expect(effectiveDelivery('evidence.expiring', null)).toBe('digest');
  });

  it('retries after 1, 2, 4… minutes, at most 6 hours', () => {
    expect([1, 2, 3, 4].map(backoffMinutes)).toEqual([1, 2, 4, 8]);
    expect(backoffMinutes(30)).toBe(360);
  });

  it('writes a notice as French text and escaped HTML with its absolute link', () => {
    const mail = noticeMail(
      'dpo@example.test',
      { title: 'Violation <b>', body: 'Le délai « expire » bientôt & vite', linkPath: '/violations/1' },
      'https://vigie.example.test',
    );
    expect(mail.subject).toBe('[Vigie] Violation <b>');
    expect(mail.text).toContain('Ouvrir dans Vigie : https://vigie.example.test/violations/1');
    expect(mail.html).toContain('Le délai « expire » bientôt &amp; vite');
    expect(mail.html).toContain('href="https://vigie.example.test/violations/1"');
    expect(escapeHtml(`<a href="x">'`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;');
  });
});
