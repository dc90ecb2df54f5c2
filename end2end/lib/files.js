// Files to attach to applications, written to a temporary folder.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builds a one-page PDF 1.4 document with a correct cross-reference table. */
function minimalPdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return body;
}

/**
 * Writes the attachments the tests use: `passport.pdf`, a real PDF, and `scan.pdf`,
 * plain text under a PDF name, which the portal must reject by its content.
 * Returns their paths and a function that removes the folder.
 */
export async function writeAttachments() {
  const folder = await mkdtemp(join(tmpdir(), 'kabinet-end2end-files-'));
  const validPdf = join(folder, 'passport.pdf');
  const textAsPdf = join(folder, 'scan.pdf');
  await writeFile(validPdf, minimalPdf(), 'latin1');
  await writeFile(textAsPdf, 'This is a text file, not a scan of a passport.\n', 'utf8');
  return {
    validPdf,
    textAsPdf,
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
