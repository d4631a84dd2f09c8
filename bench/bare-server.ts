/** The physical limit for an HTTP JSON route on this machine: Fastify with one route and nothing else. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { code: 'DT-260315-0042', status: 'processing', statusLabel: 'Đang xử lý', dueAt: '2026-03-20T10:00:00.000Z' };
app.get('/json', async () => body);
const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
console.log(`bare: http://localhost:${(app.server.address() as { port: number }).port}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
