// npm run test:reliability: fault injection, bad input, load and soak, one file at a time (the load
// test wants the machine to itself), on PostgreSQL. --expose-gc lets the soak measure live memory.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    maxWorkers: 1,
    fileParallelism: false,
    execArgv: ["--expose-gc"],
  },
});
