import { createHash } from 'node:crypto';
import { dateFr } from '../french-date';
import { PUBLISHABLE_FIELD_LABELS } from '../settings/publishable-fields';
import type { PublicEntry } from './public-entry';
import type { PublicRegister } from './public-register.service';

/**
 * The public register's pages: server-rendered HTML5 in French, without any script, made to meet RGAA 4.1
 * (level AA): a language, a title per page, a skip link to the main content, landmarks (banner, navigation,
 * main, contentinfo), one h1 and a heading hierarchy, data tables with a title and header cells (`scope`),
 * contrasts of at least 4.5:1, a visible focus, text that reflows. The markup is also well-formed XML (every
 * element closed, no named entity) so that its structure can be checked by a parser.
 */

const STYLE = `
:root{color-scheme:light}
body{margin:0;font-family:Marianne,Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#ffffff}
.evitement{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#ffffff;color:#0a4d99}
.evitement:focus{left:0;z-index:1}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid #6b7785;padding-top:.75rem;padding-bottom:.75rem}
header p{margin:0;font-weight:bold}
nav ol{list-style:none;padding:0;margin:.75rem 0 0}
nav li{display:inline}
nav li+li::before{content:" › "}
h1{font-size:1.75rem;line-height:1.25;margin:1.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
a{color:#0a4d99;text-decoration:underline}
a:focus,main:focus{outline:3px solid #0a4d99;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #6b7785;padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:#e8edf2}
tbody th{font-weight:normal}
dt{font-weight:bold}
dd{margin:0 0 .5rem}
.muted{color:#4a4a4a}
footer{border-top:1px solid #6b7785;margin-top:2rem;padding-top:.75rem;padding-bottom:1.5rem;font-size:.95rem}
`.trim();

/** The CSP source of the only style of these pages (no inline style attribute, no script anywhere). */
export const PUBLIC_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** `Content-Security-Policy` of the public pages: nothing but their own style; any site may frame them. */
export const PUBLIC_CSP = [
  "default-src 'none'",
  `style-src ${PUBLIC_STYLE_HASH}`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
const e = escapeHtml;

function base(register: PublicRegister): string {
  return `/public/${encodeURIComponent(register.organisation.shortName)}/registre`;
}

function page(
  register: PublicRegister,
  title: string,
  crumbs: { href?: string; text: string }[],
  main: string,
): string {
  const nav =
    crumbs.length > 1
      ? `<nav role="navigation" aria-label="Fil d’Ariane"><ol>${crumbs
          .map((crumb) =>
            crumb.href
              ? `<li><a href="${e(crumb.href)}">${e(crumb.text)}</a></li>`
              : `<li><span aria-current="page">${e(crumb.text)}</span></li>`,
          )
          .join('')}</ol></nav>`
      : '';
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="index, follow" />
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="evitement" href="#contenu">Aller au contenu</a>
<header role="banner">
<p>${e(register.organisation.name)}</p>
${nav}
</header>
<main id="contenu" role="main" tabindex="-1">
${main}
</main>
<footer role="contentinfo">
${rightsNotice(register)}
<p class="muted">Dernière mise à jour : ${e(dateFr(register.updatedAt))}. Registre publié avec Vigie.</p>
</footer>
</body>
</html>
`;
}

function rightsNotice(register: PublicRegister): string {
  const contact = register.dpo?.email
    ? ` en écrivant au délégué à la protection des données (<a href="mailto:${e(register.dpo.email)}">${e(register.dpo.email)}</a>)`
    : ` auprès de ${e(register.organisation.name)}`;
  return `<p>Vous pouvez exercer vos droits sur vos données (accès, rectification, effacement, limitation, opposition, portabilité)${contact}. Vous pouvez aussi adresser une réclamation à la Commission nationale de l’informatique et des libertés (<a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr</a>).</p>`;
}

function controllerSection(register: PublicRegister): string {
  const rows: [string, string][] = [['Responsable du traitement', e(register.organisation.name)]];
  if (register.dpo !== undefined) {
    const dpo = register.dpo;
    if (!dpo)
      rows.push([
        'Délégué à la protection des données',
        `Contact auprès de ${e(register.organisation.name)}`,
      ]);
    else {
      if (dpo.name) rows.push(['Délégué à la protection des données', e(dpo.name)]);
      if (dpo.email)
        rows.push(['Courriel du délégué', `<a href="mailto:${e(dpo.email)}">${e(dpo.email)}</a>`]);
      if (dpo.phone) rows.push(['Téléphone du délégué', e(dpo.phone)]);
    }
  }
  return `<section aria-labelledby="responsable">
<h2 id="responsable">Responsable du traitement</h2>
<dl>${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</section>`;
}

function table(id: string, headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${e(empty)}</p>`;
  return `<table aria-labelledby="${id}">
<thead><tr>${headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody>
</table>`;
}

function list(items: string[], empty: string): string {
  if (items.length === 0) return `<p class="muted">${e(empty)}</p>`;
  return `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`;
}

const or = (value: string | null | undefined, fallback = '—') => e(value || fallback);

/** The sections of one entry's page, one per published field, in the order of the CNIL model. */
function entrySections(entry: PublicEntry): string {
  const sections: string[] = [];
  const section = (id: string, title: string, body: string) =>
    sections.push(`<section aria-labelledby="${id}">
<h2 id="${id}">${e(title)}</h2>
${body}
</section>`);
  const L = PUBLISHABLE_FIELD_LABELS;
  if (entry.description !== undefined)
    section('description', L.description, `<p>${or(entry.description, 'Non renseignée')}</p>`);
  if (entry.purposes)
    section(
      'finalites',
      L.purposes,
      table(
        'finalites',
        ['Finalité', 'Base légale', 'Précision'],
        entry.purposes.map((p) => [e(p.description), e(p.legalBasis.label), or(p.legalBasisDetail)]),
        'Aucune finalité renseignée',
      ),
    );
  if (entry.dataSubjects)
    section(
      'personnes',
      L.dataSubjects,
      list(
        entry.dataSubjects.map((s) => s.label),
        'Aucune catégorie renseignée',
      ),
    );
  if (entry.dataCategories)
    section(
      'donnees',
      L.dataCategories,
      table(
        'donnees',
        ['Catégorie de données', 'Précision', 'Durée de conservation', 'Sort final'],
        entry.dataCategories.map((c) => [
          e(c.category.label),
          or(c.description),
          e(c.retention),
          e(c.finalFate.label),
        ]),
        'Aucune catégorie renseignée',
      ),
    );
  if (entry.specialCategories)
    section(
      'sensibles',
      L.specialCategories,
      table(
        'sensibles',
        ['Catégorie', 'Condition du traitement'],
        entry.specialCategories.map((s) => [e(s.category.label), e(s.condition.label)]),
        'Aucune donnée sensible',
      ),
    );
  if (entry.recipients)
    section(
      'destinataires',
      L.recipients,
      table(
        'destinataires',
        ['Destinataire', 'Type'],
        entry.recipients.map((r) => [e(r.name), e(r.type)]),
        'Aucun destinataire',
      ),
    );
  if (entry.transfers)
    section(
      'transferts',
      L.transfers,
      table(
        'transferts',
        ['Destinataire', 'Pays', 'Garantie'],
        entry.transfers.map((t) => [e(t.recipient), e(t.country.label), or(t.safeguard?.label)]),
        "Aucun transfert hors de l'Union européenne",
      ),
    );
  if (entry.securityMeasures)
    section('securite', L.securityMeasures, list(entry.securityMeasures, 'Aucune mesure renseignée'));
  if (entry.applications)
    section('logiciels', L.applicationIds, list(entry.applications, 'Aucun logiciel renseigné'));
  return sections.join('\n');
}

/** The register's page: the controller, its DPO's contact, the list of its entries, the open-data files. */
export function renderRegisterPage(register: PublicRegister): string {
  const href = base(register);
  const showPurposes = register.publishedFields.includes('purposes');
  const headers = ['Traitement', ...(showPurposes ? ['Finalités'] : []), 'Validé le'];
  const rows = register.entries.map((entry) => [
    `<a href="${e(`${href}/${entry.id}`)}">${e(entry.name)}</a>`,
    ...(showPurposes ? [e((entry.purposes ?? []).map((p) => p.description).join(' ; ') || '—')] : []),
    e(dateFr(entry.validatedOn)),
  ]);
  const count = register.entries.length;
  const main = `<h1>Registre des activités de traitement</h1>
<p>${e(register.organisation.name)} présente ici les traitements de données personnelles inscrits à son registre (article 30 du règlement général sur la protection des données) et validés par son délégué à la protection des données.</p>
${controllerSection(register)}
<section aria-labelledby="traitements">
<h2 id="traitements">Traitements (${count})</h2>
${table('traitements', headers, rows, 'Aucun traitement publié pour le moment.')}
</section>
<section aria-labelledby="donnees-ouvertes">
<h2 id="donnees-ouvertes">Données ouvertes</h2>
<p>Le même registre, sous licence ouverte, dans des formats réutilisables :</p>
<ul><li><a href="${e(`${href}.json`)}" type="application/json">Registre au format JSON</a></li><li><a href="${e(`${href}.csv`)}" type="text/csv">Registre au format CSV</a></li></ul>
</section>`;
  return page(
    register,
    `Registre des activités de traitement — ${register.organisation.name}`,
    [{ text: 'Registre des activités de traitement' }],
    main,
  );
}

/** One entry's page. */
export function renderEntryPage(register: PublicRegister, entry: PublicEntry): string {
  const main = `<h1>${e(entry.name)}</h1>
<p class="muted">Traitement validé le ${e(dateFr(entry.validatedOn))}.</p>
${entrySections(entry)}
${controllerSection(register)}
<p><a href="${e(base(register))}">Retour au registre des activités de traitement</a></p>`;
  return page(
    register,
    `${entry.name} — Registre des activités de traitement — ${register.organisation.name}`,
    [{ href: base(register), text: 'Registre des activités de traitement' }, { text: entry.name }],
    main,
  );
}

/** The page of a register that is not (or no longer) published, or of an entry that is not in it. */
export function renderNotFoundPage(): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Registre introuvable</title>
<style>${STYLE}</style>
</head>
<body>
<a class="evitement" href="#contenu">Aller au contenu</a>
<main id="contenu" role="main" tabindex="-1">
<h1>Registre introuvable</h1>
<p>Ce registre des activités de traitement n’est pas publié, ou ce traitement n’y figure pas.</p>
</main>
</body>
</html>
`;
}
