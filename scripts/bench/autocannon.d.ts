// Minimal typings for the parts of autocannon the API benchmark uses (no @types package installed).
declare module 'autocannon' {
  namespace autocannon {
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      max: number;
      total: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      non2xx: number;
      errors: number;
    }
    interface Options {
      url: string;
      connections?: number;
      overallRate?: number;
      duration?: number;
      headers?: Record<string, string>;
      requests?: Array<{
        setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
      }>;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
