/// <reference types="chrome" />
// Content script, ISOLATED world, document_start: forwards the MAIN-world hook's messages to the
// service worker over one port. The port opens at once, so the worker knows this page is
// captured live (the DevTools fallback then leaves it alone); it closes by itself when the page
// goes away, which is how the worker learns that a stream was cut by a reload or navigation.
import { ext } from "../platform";
import { CAPTURE_PORT, WIRE_EVENT } from "./wire";

let port: chrome.runtime.Port | null = null;

function connect(): chrome.runtime.Port {
  const p = ext.runtime.connect({ name: CAPTURE_PORT });
  p.onDisconnect.addListener(() => {
    if (port === p) port = null;
  });
  return p;
}

function send(message: unknown) {
  try {
    (port ??= connect()).postMessage(message);
  } catch {
    // The worker restarted: open a new port and try once more.
    try {
      port = connect();
      port.postMessage(message);
    } catch {
      port = null;
    }
  }
}

try {
  port = connect();
} catch {
  port = null;
}

window.addEventListener(WIRE_EVENT, (event) => {
  const detail = (event as CustomEvent).detail;
  if (typeof detail !== "string") return;
  try {
    send(JSON.parse(detail));
  } catch {
    // not ours
  }
});
