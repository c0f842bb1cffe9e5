// The part of autocannon's API the benchmark uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    interface Result {
      requests: { total: number; average: number };
      errors: number;
      non2xx: number;
      timeouts: number;
    }
    interface Instance {
      on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
    }
  }
  function autocannon(
    options: { url: string; connections: number; duration: number; headers?: Record<string, string>; requests?: { method: string; path: string }[] },
    done: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
