import type { EngineCommand } from '../shared/protocol';
import type { EngineController } from './controller';
import type { Outbox } from './outbox';

/** Runs one validated command against the controller. */
export function dispatch(ctl: EngineController, out: Outbox, c: EngineCommand): void {
  switch (c.type) {
    case 'configure':
      return ctl.configure(c.config, c.sources);
    case 'start':
    case 'resume':
      return ctl.start();
    case 'pause':
      return ctl.pause();
    case 'step':
      return ctl.step();
    case 'reset':
      return ctl.reset();
    case 'dissect':
      return ctl.dissect(c.id);
    case 'setLive':
      return ctl.setLive(c.live);
    case 'snapshot':
      return ctl.snapshot(c.id, c.recon);
    case 'evaluate':
      return ctl.evaluate(c.iwaeK, c.split, c.id);
    case 'posterior':
      return ctl.posterior(c.index, c.size, c.id);
    case 'getCheckpoint':
      return ctl.getCheckpoint(c.id, c.historyFrom);
    case 'loadCheckpoint':
      return ctl.loadCheckpoint(c.state, c.history);
    case 'ping':
      return out.send({ type: 'pong', ...(c.id === undefined ? {} : { id: c.id }) });
    case 'ack':
      return ctl.ack(c.event);
    case 'exportModel':
      return ctl.exportModel(c.target, c.name, c.sessionText, c.id);
  }
}
