// Splits a streamed top-level JSON array into its elements' texts, so a large array is never
// parsed as one value and a broken element costs only itself.

const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

export interface JsonArraySink {
  element(text: string, lineNo: number): void;
  error(lineNo: number, message: string): void;
}

export function createJsonArraySplitter(sink: JsonArraySink) {
  let state: "before" | "between" | "element" | "after" = "before";
  let line = 1;
  let startLine = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let trailingReported = false;

  const finishElement = (tail: string) => {
    parts.push(tail);
    const text = parts.join("").trim();
    parts = [];
    if (text) sink.element(text, startLine);
    else sink.error(startLine, "empty array element");
  };

  return {
    feed(chunk: string) {
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (state === "element") {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === BACKSLASH) escaped = true;
            else if (c === QUOTE) inString = false;
            else if (c === LF) line++;
            continue;
          }
          if (c === QUOTE) inString = true;
          else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
          else if (c === CLOSE_OBJECT || (c === CLOSE_ARRAY && depth > 0)) depth--;
          else if (depth === 0 && (c === COMMA || c === CLOSE_ARRAY)) {
            finishElement(chunk.slice(from, i));
            // Stryker disable next-line StringLiteral: every state but before, between and element is the after state
            state = c === COMMA ? "between" : "after";
          } else if (c === LF) line++;
          continue;
        }
        if (c === LF) line++;
        if (isSpace(c)) continue;
        if (state === "before") {
          if (c === OPEN_ARRAY) state = "between";
          else {
            sink.error(line, "not a JSON array");
            // Stryker disable next-line StringLiteral: every state but before, between and element is the after state
            state = "after";
            trailingReported = true;
          }
        } else if (state === "between") {
          // Stryker disable next-line StringLiteral: every state but before, between and element is the after state
          if (c === CLOSE_ARRAY) state = "after";
          else {
            // A comma here starts an element that ends at once: reported as empty by finishElement.
            state = "element";
            startLine = line;
            from = i;
            depth = 0;
            i--; // re-read this character as part of the element
          }
        } else if (!trailingReported) {
          sink.error(line, "text after the end of the array");
          trailingReported = true;
        }
      }
      if (state === "element") parts.push(chunk.slice(from));
    },
    end() {
      if (state === "element") {
        finishElement("");
        sink.error(line, "the array is not closed: the file looks cut off");
      } else if (state === "between") {
        sink.error(line, "the array is not closed: the file looks cut off");
      } else if (state === "before") {
        sink.error(line, "empty input: no JSON array");
      }
    },
  };
}
