// A separate process that opens the embedded database at argv[2] as the server or the CLI would,
// prints "open", then holds it ("hold") or closes it. Refused: the message on stderr, exit code 1.
import { openDatabase } from "../../db/client";

try {
  const database = await openDatabase({ kind: "pglite", dataDir: process.argv[2]! });
  console.log("open");
  if (process.argv[3] === "hold") setInterval(() => {}, 60_000);
  else await database.close();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
