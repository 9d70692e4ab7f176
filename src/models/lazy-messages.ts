import type { Message } from "../core/protocol/events";

// A seek's messages as the page holds them without decoding them: a long thread's list is
// megabytes, which the worker sends as JSON text (a copy of one string, not thousands of objects
// to rebuild in one task on the page) and which is decoded only when something reads it (the
// Messages tab, a fork). A later seek keeps a prefix of the held list and adds its tail, without
// decoding either. The held list is a window of the conversation's last messages: a seek whose
// window starts later drops the front of the held one (`skip`).

interface Link {
  value?: Message[];
  json?: string;
  base?: Link;
  skip?: number;
  kept?: number;
  tail?: Message[];
}

export class LazyMessages {
  /** Links back to a decoded list: a cursor moved many times without the messages read would otherwise hold a chain as long as its moves. */
  private constructor(
    private link: Link,
    private depth = 0,
  ) {}

  /** Messages already decoded. */
  static of(list: Message[]): LazyMessages {
    return new LazyMessages({ value: list });
  }

  /** Messages as JSON text, decoded on first read. */
  static fromJson(json: string): LazyMessages {
    return new LazyMessages({ json });
  }

  /** `kept` of these messages from the `skip`th on, then `tail`. */
  keep(kept: number, tail: Message[], skip = 0): LazyMessages {
    if (kept > 0 && this.depth >= 32) this.get();
    const base = kept > 0 ? this.link : undefined;
    return new LazyMessages({ base, skip, kept, tail }, base && !base.value ? this.depth + 1 : 1);
  }

  get(): Message[] {
    const link = this.link;
    if (link.value) return link.value;
    // Back to a decoded (or text) list, then the keeps and tails forward, in one copy.
    const chain: Link[] = [];
    let root: Link | undefined = link;
    while (root && !root.value && root.json === undefined) {
      chain.push(root);
      root = root.base;
    }
    let out: Message[] = [];
    if (root) {
      if (!root.value) {
        root.value = JSON.parse(root.json!) as Message[];
        root.json = undefined;
      }
      out = root.value.slice();
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const { skip = 0, kept = 0 } = chain[i];
      out = skip > 0 ? out.slice(skip, skip + kept) : ((out.length = Math.min(out.length, kept)), out);
      for (const m of chain[i].tail ?? []) out.push(m);
    }
    link.value = out;
    link.base = link.tail = undefined;
    return out;
  }
}
