// The text of a file, for search: plain text as UTF-8, PDF with unpdf (a
// build of Mozilla's pdf.js for servers), and Office documents (Word, Excel,
// PowerPoint, OpenDocument) from the XML inside their zip (fflate), where
// only the parts that hold the text are inflated and each at most
// MAX_PART_BYTES, so a zip bomb costs nothing.
import { unzipSync } from 'fflate';
import { extractText as extractPdfText, getDocumentProxy } from 'unpdf';

const MAX_PART_BYTES = 20 * 1024 * 1024;

const OFFICE_PARTS: Array<[RegExp, RegExp]> = [
  [/wordprocessingml\.document/, /^word\/(document|header\d*|footer\d*|footnotes)\.xml$/],
  [/spreadsheetml\.sheet/, /^xl\/sharedStrings\.xml$/],
  [/presentationml\.presentation/, /^ppt\/slides\/slide\d+\.xml$/],
  [/^application\/vnd\.oasis\.opendocument\./, /^content\.xml$/],
];

export const PDF = 'application/pdf';

/** Whether this kind of file has text to extract. */
export function extractable(mediaType: string): boolean {
  return isPlainText(mediaType) || mediaType === PDF || OFFICE_PARTS.some(([type]) => type.test(mediaType));
}

const isPlainText = (mediaType: string) => mediaType.startsWith('text/') || mediaType === 'application/json' || mediaType === 'application/xml';

/** Whether extracting needs the whole file (or its first bytes are enough). */
export const needsWholeFile = (mediaType: string) => !isPlainText(mediaType);

export async function extractText(mediaType: string, bytes: Buffer): Promise<string> {
  if (isPlainText(mediaType)) return bytes.toString('utf8');
  if (mediaType === PDF) {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      return (await extractPdfText(pdf, { mergePages: true })).text;
    } finally {
      await pdf.cleanup();
    }
  }
  const parts = OFFICE_PARTS.find(([type]) => type.test(mediaType))?.[1];
  if (!parts) return '';
  const files = unzipSync(new Uint8Array(bytes), { filter: (file) => parts.test(file.name) && file.originalSize <= MAX_PART_BYTES });
  return Object.keys(files).sort(naturalOrder).map((name) => xmlText(Buffer.from(files[name] as Uint8Array).toString('utf8'))).join('\n');
}

/** slide2.xml before slide10.xml. */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The character data of an XML document; the end of a paragraph, cell or line becomes a line break. */
function xmlText(xml: string): string {
  return xml
    .replace(/<\/(w:p|a:p|text:p|text:h|si|w:tab|table:table-cell)>|<(w:br|text:line-break|w:tab|text:tab)\b[^>]*\/>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
      if (entity[0] !== '#') return ENTITIES[entity.toLowerCase()] ?? '';
      const code = entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
