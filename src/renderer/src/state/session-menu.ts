/**
 * The desktop app's File menu on the open session, and its autosave on quit. The menu reaches
 * the page through the Host (Electron only; the web host never sends one).
 */
import type { MenuCommand } from '../../../shared/preload-api';
import type { Host, Unsubscribe } from '../hosts/host';
import type { SessionStore } from '../hosts/session-store';
import type { Sessions } from './sessions.svelte';

/** Run one File menu item; items for run control (train-toggle, step, reset) are the Lab's. */
export function runSessionMenu(sessions: Sessions, item: MenuCommand): void {
  const current = sessions.current;
  if (item === 'new') void sessions.newSession();
  else if (item === 'open') void sessions.openFile();
  else if (item === 'open-recent') void sessions.openRecent();
  else if (item === 'save') void sessions.save();
  else if (item === 'save-as') void sessions.saveAs();
  else if (item === 'save-setup') void sessions.saveSetup();
  else if (item === 'export-pytorch') void sessions.exportModel('pytorch');
  else if (item === 'export-onnx') void sessions.exportModel('onnx');
  else if (item === 'rename' || item === 'duplicate' || item === 'delete' || item === 'reveal') {
    if (current === null) sessions.say('Save the session first: it is not on disk yet.');
    else if (item === 'rename') sessions.renaming = current.id;
    else if (item === 'duplicate') void sessions.duplicate(current);
    else if (item === 'delete') void sessions.remove(current);
    else void sessions.reveal(current);
  }
}

/** Follow the File menu and, where main asks before closing, save unsaved training first. */
export function followSessionMenu(sessions: Sessions, host: Host, store: SessionStore): Unsubscribe {
  const unfollowMenu = host.onMenu((item) => runSessionMenu(sessions, item));
  // Autosave on quit: main waits for closeWindow() before it closes.
  const unfollowClose = store.onCloseRequest?.(
    () => void sessions.saveBeforeQuit().finally(() => store.closeWindow?.()),
  );
  return () => {
    unfollowMenu();
    unfollowClose?.();
  };
}
