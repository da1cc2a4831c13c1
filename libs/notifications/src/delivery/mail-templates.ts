import { absoluteLink, WEB_PATHS } from '../notices/web-paths';
import type { MailMessage } from './mailer';

/** What an e-mail says of one notice. */
export interface MailNotice {
  title: string;
  body: string;
  linkPath: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const FOOTER_TEXT = (publicUrl: string) =>
  `--\nVigie, SIIM94. Message automatique : ne pas répondre.\nChoisir vos notifications : ${absoluteLink(publicUrl, WEB_PATHS.preferences())}`;

const FOOTER_HTML = (publicUrl: string) =>
  `<p style="color:#555;font-size:12px">Vigie, SIIM94. Message automatique : ne pas répondre.<br>` +
  `<a href="${escapeHtml(absoluteLink(publicUrl, WEB_PATHS.preferences()))}">Choisir vos notifications</a></p>`;

function html(inner: string, publicUrl: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="font-family:sans-serif">${inner}${FOOTER_HTML(publicUrl)}</body></html>`;
}

/** The e-mail of one notice, sent at once. */
export function noticeMail(to: string, notice: MailNotice, publicUrl: string): MailMessage {
  const link = absoluteLink(publicUrl, notice.linkPath);
  return {
    to,
    subject: `[Vigie] ${notice.title}`,
    text: `Bonjour,\n\n${notice.body}\n\nOuvrir dans Vigie : ${link}\n\n${FOOTER_TEXT(publicUrl)}\n`,
    html: html(
      `<p>Bonjour,</p><p>${escapeHtml(notice.body)}</p>` +
        `<p><a href="${escapeHtml(link)}">Ouvrir dans Vigie</a></p>`,
      publicUrl,
    ),
  };
}

/** The daily digest: every notice of the day, each with its link. */
export function digestMail(to: string, notices: MailNotice[], publicUrl: string): MailMessage {
  const count = notices.length === 1 ? '1 notification' : `${notices.length} notifications`;
  const lines = notices.map((n) => `- ${n.title}\n  ${n.body}\n  ${absoluteLink(publicUrl, n.linkPath)}`);
  const items = notices
    .map(
      (n) =>
        `<li><a href="${escapeHtml(absoluteLink(publicUrl, n.linkPath))}">${escapeHtml(n.title)}</a>` +
        `<br>${escapeHtml(n.body)}</li>`,
    )
    .join('');
  return {
    to,
    subject: `[Vigie] Votre récapitulatif quotidien : ${count}`,
    text: `Bonjour,\n\nVoici ce qui vous attend dans Vigie :\n\n${lines.join('\n\n')}\n\n${FOOTER_TEXT(publicUrl)}\n`,
    html: html(`<p>Bonjour,</p><p>Voici ce qui vous attend dans Vigie :</p><ul>${items}</ul>`, publicUrl),
  };
}

/** An account e-mail (invitation, reset, sign-in link): a sentence, the link, how long it is valid. */
export function accountMail(
  to: string,
  subject: string,
  intro: string,
  action: string,
  link: string,
  validity: string,
): MailMessage {
  const warning =
    'Ce lien ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.';
  return {
    to,
    subject: `[Vigie] ${subject}`,
    text: `Bonjour,\n\n${intro}\n\n${action} : ${link}\n\nCe lien est valable ${validity}. ${warning}\n\n--\nVigie, SIIM94. Message automatique : ne pas répondre.\n`,
    html:
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="font-family:sans-serif">` +
      `<p>Bonjour,</p><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>` +
      `<p>Ce lien est valable ${escapeHtml(validity)}. ${escapeHtml(warning)}</p>` +
      `<p style="color:#555;font-size:12px">Vigie, SIIM94. Message automatique : ne pas répondre.</p>` +
      `</body></html>`,
  };
}
