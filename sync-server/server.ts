/** Assembles the sync server: HTTP routes over the store, plus the built PWA. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.ts';
import { serveApp } from './http/static-app.ts';

export async function buildServer(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  app.get('/api/health', async () => ({ ok: true, role: config.role }));
  await serveApp(app, config.distDir);
  return app;
}
