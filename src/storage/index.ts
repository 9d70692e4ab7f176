// The storage API the app and models use. Only this layer touches IndexedDB.
export { openInspectorDb, StorageVersionError, type InspectorDb, type DbEvents, type OpenOptions } from "./db";
export { DB_NAME, type RunStat, type ThreadStat, type ChunkGrams } from "./schema";
export { DB_VERSION } from "./migrations";
export { createSessionLibrary, type SessionLibrary, type StorageMeter, type StorageManagerLike, type LibraryOptions } from "./library";
export { createSession, replaceHeader, type SessionSummary, type SessionDetail } from "./sessions";
export { createIdbSink, SINK_DEFAULTS, type IdbSink, type IdbSinkOptions, type SaveState, type SaveStatus } from "./sink";
export { createChunkWriter, type ChunkWriter, type ChunkWriterOptions } from "./chunk-writer";
export { readRecords, iterateRecords, countRecords, type RecordQuery, type RecordPage } from "./read";
export { putCheckpoints, nearestCheckpoint, clearCheckpoints } from "./checkpoints";
export { exportSessionLines, exportSessionBlob } from "./export";
export { installFlushOnHide, installFlushOnRunEnd } from "./lifecycle";
export { describeStorageError, SessionBusyError, SessionGoneError, StorageWriteError, type StorageProblem, type ProblemKind } from "./errors";
export type { RetentionLimit } from "./retention";
export { createMemorySink } from "./memory";
export { STORED_RAW_CAP } from "./raw-form";
export { readChunkAt, iterateChunks, readChunksStarting, checkpointAt, getFoldIndex, putFoldIndex, sessionExtent, type StoredChunk } from "./paged";
export { chunkGrams, onlyPlainEvents } from "./grams";
export { readGrams, addMissingGrams, markIndexed, GRAM_PAGE_CHUNKS } from "./gram-pages";
