// web-ext ships no types; this is the part the build test calls (Mozilla's linter).
declare module "web-ext" {
  interface LintResult {
    summary: { errors: number; warnings: number; notices: number };
    errors: { code: string; message: string; file?: string }[];
    warnings: { code: string; message: string; file?: string }[];
  }
  const webExt: {
    cmd: {
      lint(params: { sourceDir: string; output?: "json" | "text" | "none" }, options?: { shouldExitProgram?: boolean }): Promise<LintResult>;
    };
  };
  export default webExt;
}
