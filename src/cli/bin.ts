import { main } from "./main";

// The `agui-inspector` executable.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // A served inspector keeps the loop alive until Ctrl-C; commands end here.
  if (process.argv[2] && !process.argv[2].startsWith("-")) {
    const quit = process.exit.bind(process);
    quit(code);
  }
});
