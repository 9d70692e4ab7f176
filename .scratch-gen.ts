import { writeSession } from "./bench/big.bench";
const n = Number(process.argv[2]);
console.log(await writeSession(process.argv[3], n, "gen"));
