import { pdfContentKey, PdfReport, ReportHeader } from './pdf-report';
import { DrawingCall, replayDrawing } from './pdf-script';

/** Renders a recorded script to a PDF, in a worker thread (see `PdfReport.render`). */
export async function renderPdfScript(input: {
  header: ReportHeader;
  calls: DrawingCall[];
}): Promise<{ bytes: Uint8Array; contentKey?: string }> {
  const bytes = await PdfReport.renderHere(input.header, (report) => replayDrawing(report, input.calls));
  return { bytes, contentKey: pdfContentKey(bytes) };
}
