export { toCurl, toFetch, curlSecrets, type CopyableRequest } from "./request";
export { eventJson, rawFrame, recordJson, jsonPointer } from "./record";
export { shellQuote, envName } from "./shell";
