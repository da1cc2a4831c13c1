import { attachmentDisposition } from './download';

describe('attachmentDisposition', () => {
  it('keeps a plain ASCII name in both forms', () => {
    expect(attachmentDisposition('registre-ivry.pdf')).toBe(
      `attachment; filename="registre-ivry.pdf"; filename*=UTF-8''registre-ivry.pdf`,
    );
  });

  it('gives an ASCII fallback and the exact UTF-8 name for accented names', () => {
    expect(attachmentDisposition('Politique sécurité.pdf')).toBe(
      `attachment; filename="Politique securite.pdf"; filename*=UTF-8''Politique%20s%C3%A9curit%C3%A9.pdf`,
    );
  });

  it('cannot be broken out of by quotes, backslashes or line breaks', () => {
    const header = attachmentDisposition('a"b\\c\r\nSet-Cookie: x=1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"').length).toBe(3);
    expect(header).toContain(`filename="a_b_c__Set-Cookie: x=1.pdf"`);
  });
});
