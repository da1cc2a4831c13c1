import { createHash } from 'node:crypto';
import { accessibilityProblems, parseHtml } from '../../../../test/support/html-structure';
import { sampleActivity } from '../../../../test/support/publication-fixtures';
import { PUBLISHABLE_FIELDS } from '../settings/publishable-fields';
import { publicEntry } from './public-entry';
import { renderRegisterCsv } from './public-register.csv';
import { PUBLIC_CSP, renderEntryPage, renderNotFoundPage, renderRegisterPage } from './public-register.html';
import type { PublicRegister } from './public-register.service';

function register(extra: Partial<PublicRegister> = {}): PublicRegister {
  const fields = [...PUBLISHABLE_FIELDS];
  return {
    schema: 'vigie-registre-public',
    schemaVersion: 1,
    organisation: { name: 'Mairie de Gentilly', shortName: 'GENTILLY' },
    dpo: { name: 'Délégué mutualisé', email: 'dpd@example.test', phone: '01 02 03 04 05' },
    publishedFields: fields,
    updatedAt: '2026-12-01T10:00:00.000Z',
    entries: [
      publicEntry(sampleActivity(), fields, new Map([['app-1', 'Portail Famille']])),
      publicEntry(
        sampleActivity({
          id: '0c6d1f2a-8e0b-4a55-9a4e-3b2f1d0c9e88',
          name: 'Fichier <script>alert(1)</script> & « test »',
          transfers: [],
          specialCategories: [],
        }),
        fields,
        new Map(),
      ),
    ],
    ...extra,
  };
}

describe('public register pages', () => {
  it('are structurally accessible: language, one h1, skip link, landmarks, table headers, no script', () => {
    const r = register();
    for (const html of [
      renderRegisterPage(r),
      renderRegisterPage({ ...r, entries: [], dpo: undefined }),
      renderEntryPage(r, r.entries[0]),
      renderEntryPage(r, r.entries[1]),
      renderNotFoundPage(),
    ]) {
      expect(accessibilityProblems(html)).toEqual([]);
      expect(html).not.toMatch(/<script/i);
    }
  });

  it('escapes every value, so that no text can become markup', () => {
    const r = register();
    const page = renderRegisterPage(r);
    expect(page).toContain('Fichier &lt;script&gt;alert(1)&lt;/script&gt; &amp; « test »');
    const { elements } = parseHtml(renderEntryPage(r, r.entries[1]));
    expect(elements.filter((e) => e.name === 'h1').map((e) => e.text)).toEqual([
      'Fichier <script>alert(1)</script> & « test »',
    ]);
  });

  it('shows the landmarks, the DPO contact and a link to each entry and to the open data', () => {
    const r = register();
    const { elements } = parseHtml(renderRegisterPage(r));
    const names = elements.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['header', 'main', 'footer']));
    const hrefs = elements.filter((e) => e.name === 'a').map((e) => e.attributes.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '#contenu',
        `/public/GENTILLY/registre/${r.entries[0].id}`,
        '/public/GENTILLY/registre.json',
        '/public/GENTILLY/registre.csv',
        'mailto:dpd@example.test',
      ]),
    );
    const entry = parseHtml(renderEntryPage(r, r.entries[0])).elements;
    expect(entry.some((e) => e.name === 'nav' && e.attributes['aria-label'] === 'Fil d’Ariane')).toBe(true);
    expect(entry.filter((e) => e.name === 'h2').map((e) => e.text)).toEqual([
      'Description',
      'Finalités et bases légales',
      'Personnes concernées',
      'Catégories de données et durées de conservation',
      'Données sensibles',
      'Destinataires',
      "Transferts hors de l'Union européenne",
      'Mesures de sécurité',
      'Logiciels utilisés',
      'Responsable du traitement',
    ]);
  });

  it('allows its own style only, by hash, and any framing site', () => {
    const page = renderRegisterPage(register());
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
    expect(PUBLIC_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(PUBLIC_CSP).toContain('frame-ancestors *');
    expect(PUBLIC_CSP).not.toContain('unsafe-inline');
  });
});

describe('public register CSV', () => {
  it('has the columns of the published fields and neutralises formulas', () => {
    const r = register();
    r.entries[1].recipients = [{ name: '=HYPERLINK("http://x")', type: '@SUM(1)' }];
    const csv = renderRegisterCsv(r);
    const [header] = csv.split('\r\n');
    expect(header).toBe(
      'identifiant,nom,description,finalites,bases_legales,personnes_concernees,categories_donnees,' +
        'durees_conservation,donnees_sensibles,destinataires,transferts,mesures_securite,logiciels,date_validation,url',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") : @SUM(1)"`);
    const onlyNames = renderRegisterCsv({ ...r, publishedFields: ['name'] });
    expect(onlyNames.split('\r\n')[0]).toBe('identifiant,nom,date_validation,url');
  });
});
