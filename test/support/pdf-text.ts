// A PDF's page count and its text (whitespace collapsed), extracted with unpdf (pdf.js).
import { extractText, getDocumentProxy } from "unpdf";

export async function pdfText(pdf: Buffer | Uint8Array): Promise<{ pages: number; text: string }> {
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, " ") };
}
