import { SaxesParser } from 'saxes';

/** An element of a page, as the structural checks see it. */
export interface HtmlElement {
  name: string;
  attributes: Record<string, string>;
  /** The text inside it, children included. */
  text: string;
  parent?: HtmlElement;
}

/**
 * Parses a page written as well-formed markup (the public register's pages are) and lists its elements in
 * document order; throws on any malformed markup (unclosed or misnested element, unknown entity).
 */
export function parseHtml(html: string): { elements: HtmlElement[]; doctype: string | null } {
  const parser = new SaxesParser({ xmlns: false });
  const elements: HtmlElement[] = [];
  const open: HtmlElement[] = [];
  let doctype: string | null = null;
  parser.on('doctype', (text) => (doctype = text.trim()));
  parser.on('opentag', (tag) => {
    const element: HtmlElement = {
      name: tag.name.toLowerCase(),
      attributes: Object.fromEntries(
        Object.entries(tag.attributes).map(([key, value]) => [key, String(value)]),
      ),
      text: '',
      parent: open[open.length - 1],
    };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    for (const element of open) element.text += text;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(html).close();
  return { elements, doctype };
}

/**
 * What RGAA 4.1 checks that a parser can: a language, a title, a single h1 and no skipped heading level,
 * landmarks, a skip link to an existing target, unique ids, every table with a title and header cells
 * carrying a scope, every `aria-labelledby` pointing to an element, no script and no inline style attribute.
 * Returns the problems found (none: an empty list).
 */
export function accessibilityProblems(html: string): string[] {
  const { elements, doctype } = parseHtml(html);
  const problems: string[] = [];
  const all = (name: string) => elements.filter((e) => e.name === name);
  if (doctype?.toLowerCase() !== 'html') problems.push(`doctype: ${doctype}`);
  const root = elements[0];
  if (root?.name !== 'html' || root.attributes.lang !== 'fr') problems.push('html lang="fr" missing');
  if (all('title').length !== 1 || !all('title')[0].text.trim()) problems.push('one non-empty title');
  if (!all('meta').some((m) => m.attributes.charset?.toLowerCase() === 'utf-8')) problems.push('charset');
  if (all('h1').length !== 1) problems.push(`${all('h1').length} h1`);
  let level = 0;
  for (const heading of elements.filter((e) => /^h[1-6]$/.test(e.name))) {
    const next = Number(heading.name[1]);
    if (next > level + 1) problems.push(`heading ${heading.name} after h${level}: "${heading.text.trim()}"`);
    level = next;
  }
  if (all('main').length !== 1) problems.push('one main landmark');
  const ids = elements.map((e) => e.attributes.id).filter(Boolean);
  const duplicated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicated.length) problems.push(`duplicate ids: ${duplicated.join(', ')}`);
  const links = all('a');
  const skip = links[0];
  if (!skip || !skip.attributes.href?.startsWith('#') || !ids.includes(skip.attributes.href.slice(1)))
    problems.push('the first link is not a skip link to an existing target');
  for (const link of links)
    if (!link.text.trim()) problems.push(`link without text: ${link.attributes.href}`);
  for (const table of all('table')) {
    const labelled = table.attributes['aria-labelledby'];
    const caption = elements.some((e) => e.name === 'caption' && e.parent === table);
    if (!caption && !labelled) problems.push('table without a title');
    const cells = elements.filter((e) => e.name === 'th' && isInside(e, table));
    if (cells.length === 0) problems.push('table without header cells');
    for (const th of cells)
      if (!['col', 'row'].includes(th.attributes.scope)) problems.push(`th without scope: ${th.text}`);
  }
  for (const element of elements) {
    const labelledBy = element.attributes['aria-labelledby'];
    if (labelledBy && !ids.includes(labelledBy))
      problems.push(`aria-labelledby="${labelledBy}" points nowhere`);
    if (element.attributes.style !== undefined) problems.push(`inline style on ${element.name}`);
    if (Object.keys(element.attributes).some((name) => name.startsWith('on')))
      problems.push(`event handler on ${element.name}`);
  }
  if (all('script').length) problems.push('a script');
  return problems;
}

function isInside(element: HtmlElement, ancestor: HtmlElement): boolean {
  for (let e = element.parent; e; e = e.parent) if (e === ancestor) return true;
  return false;
}
