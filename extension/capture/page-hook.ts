// Content script, MAIN world, document_start: wrap the page's fetch/XHR/EventSource before any
// page script runs, and hand what is captured to the isolated relay as DOM events (a string
// detail is the one thing both worlds read).
import { installCapture } from "./hook";
import { WIRE_EVENT } from "./wire";

installCapture(window, (message) => {
  window.dispatchEvent(new CustomEvent(WIRE_EVENT, { detail: JSON.stringify(message) }));
});
