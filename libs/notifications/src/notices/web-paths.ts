/**
 * The pages of the web application a notice links to, in one place (the web application's routes). Links in
 * e-mails are these paths on `VIGIE_PUBLIC_URL`.
 */
export const WEB_PATHS = {
  processingActivity: (id: string) => `/registre/${id}`,
  breach: (id: string) => `/violations/${id}`,
  rightsRequest: (id: string) => `/demandes-de-droits/${id}`,
  questionnaire: (id: string) => `/questionnaires/${id}`,
  accessReview: (id: string) => `/revues/${id}`,
  evidence: (id: string) => `/preuves/${id}`,
  account: () => '/compte',
  notifications: () => '/notifications',
  preferences: () => '/notifications/preferences',
  /** Pages reached from the e-mails of accounts; the token travels in the fragment, never sent to a server log. */
  acceptInvitation: (token: string) => `/invitation#jeton=${token}`,
  resetPassword: (token: string) => `/mot-de-passe/nouveau#jeton=${token}`,
  signInLink: (token: string) => `/connexion/lien#jeton=${token}`,
} as const;

/** An absolute link to a page of the web application. */
export function absoluteLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
