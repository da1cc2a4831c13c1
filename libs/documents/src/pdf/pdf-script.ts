import type { PdfReport } from './pdf-report';

/** The drawing methods of {@link PdfReport} a renderer calls; a script is a list of such calls. */
export const DRAWING_METHODS = [
  'ensureSpace',
  'pageBreak',
  'title',
  'heading',
  'paragraph',
  'fields',
  'bullets',
  'table',
  'barChart',
] as const;
type DrawingMethod = (typeof DRAWING_METHODS)[number];

/** One drawing call, as plain data that can be sent to a worker thread. */
export type DrawingCall = [method: DrawingMethod, args: unknown[]];

/** Raised when a renderer reaches past the drawing methods (e.g. `report.doc`): it is then rendered here. */
class NotRecordable extends Error {}

/**
 * Runs `draw` against a recorder that notes each drawing call instead of drawing it; `undefined` when the
 * renderer needs more than the drawing methods (a chart drawing on `report.doc` directly).
 */
export async function recordDrawing(
  draw: (report: PdfReport) => Promise<void> | void,
): Promise<DrawingCall[] | undefined> {
  const calls: DrawingCall[] = [];
  const methods = new Set<string>(DRAWING_METHODS);
  const recorder: PdfReport = new Proxy({} as PdfReport, {
    get(_target, property) {
      if (typeof property === 'string' && methods.has(property)) {
        return (...args: unknown[]) => {
          calls.push([property as DrawingMethod, args]);
          return recorder;
        };
      }
      // `await report` (a renderer returning it) asks for `then`: a report is not a promise.
      if (property === 'then') return undefined;
      throw new NotRecordable(String(property));
    },
  });
  try {
    await draw(recorder);
  } catch (error) {
    if (error instanceof NotRecordable) return undefined;
    throw error;
  }
  return calls;
}

/** Draws a recorded script on a real report. */
export function replayDrawing(report: PdfReport, calls: DrawingCall[]): void {
  for (const [method, args] of calls) {
    (report[method] as (...a: unknown[]) => unknown).apply(report, args);
  }
}
