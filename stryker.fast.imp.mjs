import base from "./stryker.config.mjs";
export default { ...base, vitest: { configFile: "vitest.fast.imp.ts", related: false }, timeoutMS: 4000 };
