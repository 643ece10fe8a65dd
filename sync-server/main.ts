/** `tsx sync-server/main.ts`: start one sync server with settings from the environment. */
import { configFromEnv } from './config.ts';
import { buildServer } from './server.ts';

const config = configFromEnv();
const server = await buildServer(config);
const address = await server.listen({ port: config.port, host: config.host });
const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
console.log(`Tierboard ${config.role} server: ${shown}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
