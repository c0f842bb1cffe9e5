// The V8 flags `npm start` runs the server with (package.json's start script says them again; a unit
// test holds the two together), and the benchmark and load test too, so they measure that process.
// The heap is let grow to 1.5x what the last full collection left live. On a machine with a large
// heap limit V8 allows up to 4x: the API's ~50 MB live set then carried ~300 MB of dead responses under
// load (peak RSS 480 MB at 20 connections, against 204 MB with this flag, serving no fewer requests).
export const SERVER_NODE_FLAGS = ["--heap-growing-percent=50"];
/** What a process that runs the server's TypeScript passes to node before its script. */
export const SERVER_EXEC_ARGV = [...SERVER_NODE_FLAGS, "--import", "tsx"];

/** The server's flags this process was started without (a deployment that runs api/main.ts itself; NODE_OPTIONS refuses them). */
export const missingServerFlags = (execArgv: readonly string[] = process.execArgv): string[] => SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
