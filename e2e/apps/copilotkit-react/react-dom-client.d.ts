// @types/react-dom is not installed; the app uses only createRoot.
declare module "react-dom/client" {
  import type { ReactNode } from "react";
  export function createRoot(container: Element): { render(children: ReactNode): void; unmount(): void };
}
