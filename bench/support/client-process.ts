/** Runs bench/tick-to-wire-clients.ts as a child process: N loopback WebSocket clients. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ClientReport {
  readonly keys: string[];
  readonly deltas: number[];
  /** Wall-clock ms each frame of `keys` arrived. */
  readonly receivedAt: number[];
  readonly frames: number;
  readonly bytes: number;
  readonly closes: Record<string, number>;
  /** Wall-clock ms of the first and last update/delta frame received. */
  readonly firstAtMs: number;
  readonly lastAtMs: number;
}

export interface ClientProcess {
  /** The `READY …` line once every client is connected (and has its snapshots). */
  readonly ready: string;
  report(): Promise<ClientReport>;
}

export async function startClients(url: string, clients: number, symbols: readonly string[], options: object): Promise<ClientProcess> {
  const child = spawn(`${root}node_modules/.bin/tsx`, ['bench/tick-to-wire-clients.ts', url, String(clients), symbols.join(','), JSON.stringify(options)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const nextLine = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
  const ready = await nextLine();
  return {
    ready,
    async report() {
      child.stdin.write('REPORT\n');
      const report = JSON.parse(await nextLine()) as ClientReport;
      await new Promise((r) => child.once('exit', r));
      return report;
    },
  };
}
