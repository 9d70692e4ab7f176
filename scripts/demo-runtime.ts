// `npx tsx scripts/demo-runtime.ts [--port 4318] [--variants]`: only the demo CopilotKit runtime
// (real @copilotkit/runtime, scripted agents), for `agui-inspector check` in CI or by hand.
// --variants adds the test variants of the scripted agent (e2e/fixtures/variant-agents.ts).
import { parseArgs } from "node:util";
import { startRuntime } from "../e2e/fixtures/runtime";
import { createVariantAgents } from "../e2e/fixtures/variant-agents";

const { values } = parseArgs({ options: { port: { type: "string", default: "4318" }, variants: { type: "boolean", default: false } } });
const runtime = await startRuntime(Number(values.port), values.variants ? createVariantAgents() : {});
console.log(`Demo runtime (REST): ${runtime.restUrl}`);
const stop = async () => {
  await runtime.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
