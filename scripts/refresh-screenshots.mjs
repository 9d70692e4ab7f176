// Copies the screenshots the last e2e run wrote to reports/screenshots/ over the committed
// ones in docs/screenshots/ (the README's images). Tests never write into docs/; run this by
// hand after `npm run test:e2e` when the UI changed, look at the images, then commit them.
// Only images the docs already use are replaced; pass --add to copy new ones too.
import { copyFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const from = join(root, "reports", "screenshots");
const to = join(root, "docs", "screenshots");
const add = process.argv.includes("--add");

if (!existsSync(from)) {
  console.error(`No ${from}: run the e2e tests first (npm run build && npm run test:e2e).`);
  process.exit(1);
}
const copied = [];
for (const name of readdirSync(from).filter((f) => f.endsWith(".png")).sort()) {
  if (!add && !existsSync(join(to, name))) continue;
  copyFileSync(join(from, name), join(to, name));
  copied.push(name);
}
console.log(copied.length ? `Updated docs/screenshots: ${copied.join(", ")}` : "Nothing to update.");
