/**
 * A renderer-neutral official document (DESIGN.md 6): the view-model step resolves every date and legal
 * reference into text; the PDF and DOCX renderers only lay it out and never touch the database.
 * Layout follows the state format of administrative documents (Decree 30/2020): issuing body top left,
 * national motto top right, number, place and date, title, body, signature blocks.
 */
export type Block =
  | { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean; align?: 'left' | 'center' | 'justify' }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: { title: string; width: number }[]; rows: string[][] }
  | { kind: 'signatures'; blocks: { title: string; note?: string; name: string }[] };

export interface OfficialDocument {
  /** Circular 01/2018 Art 9: forms 01–05 on A5, the register on A4 (landscape). */
  page: { size: 'A5' | 'A4'; landscape: boolean };
  header: { parentBody: string; body: string; number: string | null; placeDate: string };
  /** "Mẫu số 01 — Phụ lục I, Thông tư 03/2025/TT-VPCP": the legal reference of the form, kept as data. */
  formRef: string;
  title: string;
  subtitle?: string;
  blocks: Block[];
  qr?: { text: string; caption: string; png?: Buffer };
}

export const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO_SUB = 'Độc lập - Tự do - Hạnh phúc';

/** Every string of the document normalized to NFC (DESIGN.md 6), so combining marks never split a glyph. */
export function normalizeDocument(doc: OfficialDocument): OfficialDocument {
  const n = (s: string) => s.normalize('NFC');
  return {
    ...doc,
    header: { parentBody: n(doc.header.parentBody), body: n(doc.header.body), number: doc.header.number ? n(doc.header.number) : null, placeDate: n(doc.header.placeDate) },
    formRef: n(doc.formRef),
    title: n(doc.title),
    ...(doc.subtitle ? { subtitle: n(doc.subtitle) } : {}),
    blocks: doc.blocks.map((b): Block => {
      switch (b.kind) {
        case 'paragraph':
          return { ...b, text: n(b.text) };
        case 'field':
          return { ...b, label: n(b.label), value: n(b.value) };
        case 'list':
          return { ...b, items: b.items.map(n) };
        case 'table':
          return { ...b, columns: b.columns.map((c) => ({ ...c, title: n(c.title) })), rows: b.rows.map((r) => r.map(n)) };
        case 'signatures':
          return { ...b, blocks: b.blocks.map((s) => ({ title: n(s.title), ...(s.note ? { note: n(s.note) } : {}), name: n(s.name) })) };
      }
    }),
    ...(doc.qr ? { qr: { ...doc.qr, caption: n(doc.qr.caption) } } : {}),
  };
}
