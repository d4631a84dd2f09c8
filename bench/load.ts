/**
 * The load generator, in its own process so that it never shares an event loop with the server it measures.
 * Input (argv[2], JSON): { url, connections, duration, paths?: string[], method?, body?, headers?, distinctClients? }.
 * distinctClients: every request comes from a new client address (X-Forwarded-For, as a trusted reverse proxy
 * sets it), so that a per-address rate limit counts every request without refusing any.
 * Output (stdout, JSON): { requests, rps, p50, p99, errors, non2xx }.
 */
import autocannon from 'autocannon';

interface Input {
  url: string;
  connections: number;
  duration: number;
  paths?: string[];
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  distinctClients?: boolean;
}

const input = JSON.parse(process.argv[2] ?? '{}') as Input;
let i = 0;
const paths = input.paths;
const result = await autocannon({
  url: input.url,
  connections: input.connections,
  duration: input.duration,
  method: input.method ?? 'GET',
  headers: input.headers,
  body: input.body,
  requests:
    paths || input.distinctClients
      ? [
          {
            setupRequest: (req: Record<string, unknown>) => {
              const n = i++;
              const path = paths ? paths[n % paths.length] : req.path;
              if (!input.distinctClients) return { ...req, path };
              const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
              return { ...req, path, headers: { ...(req.headers as Record<string, string>), 'x-forwarded-for': ip } };
            },
          },
        ]
      : undefined,
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.total / input.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }),
);
