/**
 * The engine host: validates every incoming command, runs it, and trains in slices between
 * messages. The same code runs in the Electron utility process, a Web Worker and Node.
 */
import { PROTOCOL_VERSION } from '../shared/protocol';
import { parseCommand } from '../shared/protocol-validate';
import { dispatch } from './commands';
import { EngineController, errorText } from './controller';
import { Outbox } from './outbox';
import type { HostPort } from './port';

export function runHost(port: HostPort): void {
  const out = new Outbox(port);
  const ctl = new EngineController(out);
  port.onMessage((message) => {
    const parsed = parseCommand(message);
    if (!parsed.ok) return out.error(parsed.commandType, parsed.error, requestId(message));
    try {
      dispatch(ctl, out, parsed.command);
    } catch (e) {
      out.error(parsed.command.type, errorText(e), parsed.command.id);
    }
  });
  out.send({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
  ctl.sendStatus();
}

/** The id of a rejected command, when it had a usable one, so the sender can match the error. */
function requestId(message: unknown): number | undefined {
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}
