import { decode } from "@ag-ui/proto";
import type { AguiEvent } from "../protocol/events";
import { MAX_DEPTH, nestsDeeperThan } from "../protocol/limits";

export const PROTO_MEDIA_TYPE = "application/vnd.ag-ui.event+proto";

export interface ProtoFrame {
  bytes: Uint8Array;
}

/**
 * AG-UI's binary transport: each message is a 4-byte big-endian length, then that many bytes
 * of a protobuf `ag_ui.Event`. Push body chunks; complete frames come out in order.
 */
export function createProtoFramer(onFrame: (frame: ProtoFrame) => void) {
  let buffer = new Uint8Array(0);
  return {
    push(chunk: Uint8Array) {
      const merged = new Uint8Array(buffer.length + chunk.length);
      merged.set(buffer);
      merged.set(chunk, buffer.length);
      let offset = 0;
      while (merged.length - offset >= 4) {
        const view = new DataView(merged.buffer, merged.byteOffset + offset, 4);
        const length = view.getUint32(0, false);
        if (merged.length - offset - 4 < length) break;
        onFrame({ bytes: merged.slice(offset + 4, offset + 4 + length) });
        offset += 4 + length;
      }
      buffer = merged.slice(offset);
    },
    /** Bytes left over when the body ended: a cut frame. */
    leftover(): Uint8Array {
      return buffer;
    },
  };
}

export function decodeProtoEvent(bytes: Uint8Array): { ok: true; event: AguiEvent } | { ok: false; error: string } {
  try {
    const event = decode(bytes) as unknown as AguiEvent;
    if (!event || typeof event.type !== "string") return { ok: false, error: "protobuf message has no event type" };
    if (nestsDeeperThan(event)) return { ok: false, error: `nested more than ${MAX_DEPTH} levels deep: kept as raw bytes` };
    return { ok: true, event };
  } catch (err) {
    return { ok: false, error: `protobuf decode failed: ${(err as Error).message}` };
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
