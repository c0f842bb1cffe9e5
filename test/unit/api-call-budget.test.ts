import { describe, expect, it } from "vitest";
import { ApiCallBudget } from "../../jobs/sources/api-call-budget";
import { AwsApiError } from "../../jobs/sources/aws-apis";

const noSleep = async () => {};

describe("ApiCallBudget", () => {
  it("retries throttling past the SDK's attempts and counts every attempt but bills only answers", async () => {
    const budget = new ApiCallBudget({ retries: 3, baseDelayMs: 1, sleep: noSleep });
    let calls = 0;
    const output = await budget.call(async () => {
      calls += 1;
      if (calls < 3) throw Object.assign(new AwsApiError("LimitExceededException", "Rate limit exceeded"), { $metadata: { attempts: 5 } });
      return { $metadata: { attempts: 1 }, value: "page" };
    });
    expect(output.value).toBe("page");
    expect(budget.requests).toBe(1);
    expect(budget.attempts).toBe(11);
  });

  it("gives up after its own retries and fails at once on permanent errors", async () => {
    const throttled = new ApiCallBudget({ retries: 2, baseDelayMs: 1, sleep: noSleep });
    await expect(throttled.call(async () => Promise.reject(new AwsApiError("ThrottlingException", "slow down")))).rejects.toThrow("slow down");
    expect(throttled.attempts).toBe(3);

    const invalid = new ApiCallBudget({ retries: 5, baseDelayMs: 1, sleep: noSleep });
    await expect(invalid.call(async () => Promise.reject(new AwsApiError("ValidationException", "bad")))).rejects.toThrow("bad");
    expect(invalid.attempts).toBe(1);
  });

  it("waits exponentially longer between its retries", async () => {
    const waits: number[] = [];
    const budget = new ApiCallBudget({ retries: 3, baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    await expect(budget.call(async () => Promise.reject(Object.assign(new Error("boom"), { $metadata: { httpStatusCode: 503 } })))).rejects.toThrow();
    expect(waits).toEqual([100, 200, 400]);
  });
});
