/**
 * Splits streamed text into lines (LF or CRLF) with 1-based line numbers. A chunk without a
 * newline is only appended, so one very long line costs no repeated rescans.
 */
export function createLineSplitter(onLine: (text: string, lineNo: number) => void) {
  let carry = "";
  let lineNo = 0;
  const emit = (line: string) => {
    lineNo++;
    onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line, lineNo);
  };
  return {
    feed(chunk: string) {
      let nl = chunk.indexOf("\n");
      if (nl < 0) {
        carry += chunk;
        return;
      }
      emit(carry + chunk.slice(0, nl));
      let start = nl + 1;
      // Stryker disable next-line EqualityOperator: start is past the first newline, so no later one is at 0
      while ((nl = chunk.indexOf("\n", start)) >= 0) {
        emit(chunk.slice(start, nl));
        start = nl + 1;
      }
      carry = chunk.slice(start);
    },
    /** The last line, when the input does not end with a newline. */
    end() {
      if (carry.length > 0) emit(carry);
      // Stryker disable next-line StringLiteral: nothing is fed after end()
      carry = "";
    },
  };
}
