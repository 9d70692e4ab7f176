import type { SessionRecord } from "../core/session/record";
import { createHeader } from "../core/session/file";
import { newId } from "../core/session/ids";
import { createImporter } from "../core/session/import";
import { createChunkWriter, createSessionLibrary, replaceHeader, type ChunkWriter, type InspectorDb } from "../storage";

export interface ImportSummary {
  id: string;
  records: number;
  errors: { line: number; error: string }[];
  format: string;
}

/**
 * Records per transaction. Each transaction costs the worker a wait for the database's commit,
 * which overlaps the next batch's building only partly: 5,000 a transaction spent a quarter of
 * a 1M-event import waiting, 20,000 a twentieth. Three batches held, as chunk text, stay far
 * under the heap bound.
 */
const WRITE_BATCH = 20_000;

/**
 * Import a file into the library as it is read: records become chunks as they come and go to the
 * database a transaction at a time, so memory holds three batches as text, not the file (a HAR,
 * one JSON document, is still read whole by its reader). The session is created first and gets
 * the header the file declared once it is read. Its text index is left to its first fold.
 */
export async function importIntoLibrary(
  db: InspectorDb,
  file: Blob,
  name: string | undefined,
  onProgress?: (p: { bytes: number; total: number; records: number }) => void,
  { batch = WRITE_BATCH }: { batch?: number } = {},
): Promise<ImportSummary> {
  const library = createSessionLibrary(db);
  const id = newId();
  await library.create(createHeader({ id, name: name ?? "Imported session" }));
  let writer: ChunkWriter | undefined;
  let seq = 0;
  let reportedBytes = 0;
  let reportedAt = 0;
  try {
    const out = (writer = await createChunkWriter(db, id, { txRecords: batch }));
    const importer = createImporter({
      file: name,
      keepRecords: false,
      // The library stores seqs dense from 1; a file holding a selection (one run) is renumbered.
      // Each record is built into its chunk as it comes and let go.
      onRecords: (records) => out.add(records.map((r) => (r.seq === ++seq ? r : ({ ...r, seq } as SessionRecord)))),
      onProgress: (p) => {
        // Each piece of the file read reports; the page hears of it a hundred times a file or five times a second at most.
        const now = Date.now();
        if (p.bytes < file.size && p.bytes - reportedBytes < file.size / 100 && now - reportedAt < 200) return;
        reportedBytes = p.bytes;
        reportedAt = now;
        onProgress?.({ bytes: p.bytes, total: file.size, records: p.records });
      },
    });
    const reader = (file.stream() as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      importer.feed(decoder.decode(value, { stream: true }), value.byteLength);
      // Two transactions may be queued while the next one's chunks are built; reading waits only when a third is ready.
      await out.write();
    }
    const tail = decoder.decode();
    if (tail) importer.feed(tail, 0);
    const result = importer.end();
    await out.end();
    // A new id in the library; the file's own id is kept to recognise the same file later.
    await replaceHeader(db, id, createHeader({ ...result.header, id, importedFrom: result.header.importedFrom ?? result.header.id }));
    return { id, records: result.progress.records, errors: result.errors, format: result.format };
  } catch (err) {
    // Nothing half-imported stays in the library (once the transaction in flight has ended).
    await writer?.idle();
    await library.remove(id).catch(() => {});
    throw err;
  }
}
