import type { ConnectionRow, ConnectionType, RoutedWork, Transport } from './transport.js';
import { NotOwnerError } from './transport.js';

/** The transport of each connection type: a map, so a new type cannot be forgotten in an if-chain. */
export class Transports {
  constructor(private readonly byType: Readonly<Record<ConnectionType, Transport>>) {}

  of(connection: Pick<ConnectionRow, 'type'>): Transport {
    return this.byType[connection.type];
  }

  /**
   * Runs work that needs the connection's session here, or hands it to the node holding that
   * session (then this node's job is done). `routeFirst` checks ownership before `run` starts (before a file is
   * read or an attempt counted); otherwise only a NotOwnerError thrown by `run` forwards the work.
   */
  async runWhereConnected(
    connection: ConnectionRow,
    work: RoutedWork,
    run: (transport: Transport) => Promise<void>,
    options: { routeFirst?: boolean } = {},
  ): Promise<void> {
    const transport = this.of(connection);
    try {
      if (options.routeFirst) await transport.ensureRunsHere?.(connection);
      await run(transport);
    } catch (error) {
      if (!(error instanceof NotOwnerError) || !transport.forward) throw error;
      await transport.forward(error.ownerNode, work);
    }
  }
}
