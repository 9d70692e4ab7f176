import { infoCommand } from "./info-command";
import { recordCommand } from "./record-command";
import { stopCommand } from "./stop-command";
import { serveWebCommand } from "./serve-web-command";
import { EXIT, processIO, UsageError, type CliIO } from "./io";

const HELP = `agui-inspector — record, replay and verify AG-UI sessions

  agui-inspector [--port <n>] [--runtime <url>]   serve the web inspector on 127.0.0.1
  agui-inspector info   <url> [--transport auto|rest|single|agui] [-H 'K: V']… [--json]
  agui-inspector record <url> --agent <id> [--transport …] [-H …] [--thread <id>] [--message <text>]…
                        [--input <RunAgentInput.json>] [--from <file>[@seq]] [--tool-result <toolCallId>=<json>]…
                        [--resume <interruptId>=<json>]… [--out <file>]
  agui-inspector stop   <url> --agent <id> --thread <id> [--run <id>]

Exit codes: 0 ok, 1 connection/protocol failure, 2 usage, 3 the run ended RUN_ERROR, 4 verify found errors.
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

const commands: Record<string, Command> = {
  info: infoCommand,
  record: (argv, io) => recordCommand(argv, io),
  stop: stopCommand,
};

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [first, ...rest] = argv;
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
