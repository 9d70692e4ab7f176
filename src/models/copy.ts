// What the UI may copy; built in core, re-exported here because ui imports only models.
export { eventJson, rawFrame, recordJson, jsonPointer, toCurl, toFetch, curlSecrets } from "../core/copy";
