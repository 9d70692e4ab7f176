import { infoCommand } from "./info-command";
import { recordCommand } from "./record-command";
import { stopCommand } from "./stop-command";
import { serveWebCommand } from "./serve-web-command";
import { serveCommand } from "./serve-command";
import { loadFork } from "./fork-loader";
import { replayCommand, verifyCommand } from "./replay-commands";
import { attachCommand } from "./attach-command";
import { proxyCommand } from "./proxy-command";
import { connectCommand, pullCommand, threadsCommand } from "./threads-commands";
import { diffCommand } from "./diff-command";
import { checkCommand } from "./check-command";
import { EXIT, processIO, UsageError, type CliIO } from "./io";
import { scrubbedIO } from "./scrub-output";

const HELP = `agui-inspector — record, replay and verify AG-UI sessions

  agui-inspector [--port <n>] [--runtime <url>] [--forward-origin <origin>]… [--token <t>]
                        serve the web inspector on 127.0.0.1 (open the printed URL once)
                 [--proxy <runtimeUrl> [--proxy-port <n>] [--out <file>]]
                        and a recording proxy whose runs appear live in the page, spooled to --out
  agui-inspector info   <url> [--transport auto|rest|single|agui] [-H 'K: V']… [--json]
  agui-inspector record <url> --agent <id> [--transport …] [-H …] [--thread <id>] [--message <text>]…
                        [--input <RunAgentInput.json>] [--from <file>[@seq]] [--tool-result <toolCallId>=<json>]…
                        [--resume <interruptId>=<json>]… [--out <file>]
  agui-inspector stop   <url> --agent <id> --thread <id> [--run <id>]
  agui-inspector replay <file> [--at <seq>] [--run <runId>]   → JSON {seq, state, messages}
  agui-inspector verify <file> [--json]                       → protocol findings with rule ids
  agui-inspector attach <url> [--out <file>] [--for <seconds>] [-H …]
                        record the runtime's debug feed (/cpk-debug-events): every thread's events
  agui-inspector proxy  <runtimeUrl> [--port <n>] [--out <file>] [--for <seconds>]
                        a recording proxy on 127.0.0.1: point your app's runtimeUrl at it
  agui-inspector threads <url> [--agent <id>] [--json]     the threads the runtime stores
  agui-inspector pull   <url> --thread <id> [--out <file>] a stored thread as a session; its replay is
                        compared with the runtime's /state and /messages (exit 4 when they differ)
  agui-inspector connect <url> --agent <id> --thread <id> [--out <file>]   record what the runtime replays
  agui-inspector serve  <file> [--port <n>] [--realtime] [--speed <x>] [--agent <id>]
                        [--cors-origin <origin>]… [--max-body <bytes>]
                        a mock runtime at http://127.0.0.1:<n> replaying the file's recorded runs
  agui-inspector diff   <a> <b> [--run <id>]… [--json]          → what differs between the runs of two recordings
  agui-inspector check  <recording>… --runtime <url> [--agent <id>] [--transport …] [-H …] [--rules <file>] [--exact]
                        [--junit <file>] [--out <dir>] [--json] [--update]   re-run recordings, compare (docs/testing-agents.md)

Exit codes: 0 ok, 1 connection/protocol failure, 2 usage, 3 the run ended RUN_ERROR, 4 verify found errors,
            5 a run did not match (check; diff: the runs differ).
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const commands: Record<string, Command> = {
  info: infoCommand,
  record: (argv, io) => recordCommand(argv, io, loadFork),
  stop: stopCommand,
  serve: (argv, io) => serveCommand(argv, io),
  replay: replayCommand,
  verify: verifyCommand,
  attach: attachCommand,
  proxy: proxyCommand,
  threads: threadsCommand,
  pull: pullCommand,
  connect: connectCommand,
  diff: diffCommand,
  check: checkCommand,
};

/** Commands that talk to a runtime with the user's URL and headers: their output is scrubbed. */
const TALKS_TO_RUNTIME = new Set(["info", "record", "stop", "check"]);

export async function main(argv: string[], rawIO: CliIO = processIO): Promise<number> {
  const [first, ...rest] = argv;
  const io = TALKS_TO_RUNTIME.has(first ?? "") ? scrubbedIO(rawIO, rest) : rawIO;
  if (first === "--help" || first === "-h" || first === "help") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const command = first && !first.startsWith("-") ? commands[first] : serveWebCommand;
  try {
    if (!command) throw new UsageError(`unknown command "${first}"`);
    return await command(first && !first.startsWith("-") ? rest : argv, io);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`${(err as Error).message}\n\n${HELP}`);
      return EXIT.usage;
    }
    io.stderr(`error: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}
