// Import: this project's session files and what other tools write, detected from content.
export { createImporter, importSession, importText, utf8Length, type ImportInput } from "./importer";
export { detectFormat } from "./detect";
export { ImportError, type ImportFormat, type ImportOptions, type ImportProgress, type ImportResult } from "./types";
