import { createIdbSink, type InspectorDb, type SessionLibrary } from "../../src/storage";
import type { ObservedStore } from "./observer";

/**
 * Observed sessions in the session library (IndexedDB). The library adds a session only if its
 * id is new, so two DevTools windows, or one reopened, never store a request twice.
 */
export function createLibraryObservedStore(db: InspectorDb, library: SessionLibrary): ObservedStore {
  return {
    async add({ header, records }) {
      try {
        await library.create(header);
      } catch (error) {
        if (await library.get(header.id)) return false;
        throw error;
      }
      const sink = await createIdbSink(db, header.id);
      try {
        await sink.write(records);
      } finally {
        sink.dispose();
      }
      return true;
    },
  };
}
