// The library entry point itself (index.js runs a self-test when loaded outside a parent module).
import pdfParse from 'pdf-parse/lib/pdf-parse.js';

interface TextItem {
  str: string;
  transform: number[];
}

/** Page text with lines rebuilt from the items' vertical positions. */
async function renderPage(page: { getTextContent(): Promise<{ items: TextItem[] }> }): Promise<string> {
  const { items } = await page.getTextContent();
  let lastY: number | undefined;
  let text = '';
  for (const item of items) {
    const y = item.transform[5];
    if (lastY !== undefined && Math.abs(y - lastY) > 1) text += '\n';
    text += item.str;
    lastY = y;
  }
  return `${text}\n\u0000`;
}

/**
 * The text of every page of a PDF, for assertions on generated documents: `text` keeps the lines, `flat` has
 * every run of white space (line breaks from wrapping included) turned into one space.
 */
export async function pdfText(bytes: Buffer): Promise<{ text: string; flat: string; pages: string[] }> {
  const result = await pdfParse(bytes, { pagerender: renderPage });
  const pages = result.text
    .split('\u0000')
    .map((page) => page.trim())
    .filter((page, index, all) => page.length > 0 || index < all.length - 1);
  const text = pages.join('\n\f\n');
  return { text, flat: text.replace(/[ \t\r\n\f]+/g, ' '), pages };
}
