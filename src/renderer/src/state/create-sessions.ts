import type { VaeLabApi } from '../../../shared/preload-api';
import type { SessionStore } from '../hosts/session-store';
import { WebSessionStore } from '../hosts/web-session-store';
import { ElectronSessionStore } from '../hosts/electron-session-store';
import type { Lab } from './lab.svelte';
import { Sessions } from './sessions.svelte';

/** The desktop store when the preload exposed window.vaeLab with session functions, browser storage otherwise. */
export function pickSessionStore(): SessionStore {
  const api = (window as Window & { vaeLab?: VaeLabApi }).vaeLab;
  return api?.sessions !== undefined ? new ElectronSessionStore(api.sessions) : new WebSessionStore();
}

/** The lab's sessions, started (list loaded, autosave running); on the desktop also the File menu and quit. */
export function createSessions(lab: Lab): Sessions {
  const store = pickSessionStore();
  const sessions = new Sessions(lab, store);
  void sessions.start();
  const api = (window as Window & { vaeLab?: VaeLabApi }).vaeLab;
  if (api !== undefined && store instanceof ElectronSessionStore) {
    api.onMenu((item) => {
      const current = sessions.current;
      if (item === 'new') void sessions.newSession();
      else if (item === 'open') void sessions.openFile();
      else if (item === 'open-recent') void sessions.openRecent();
      else if (item === 'save') void sessions.save();
      else if (item === 'save-as') void sessions.saveAs();
      else if (item === 'rename' || item === 'duplicate' || item === 'delete' || item === 'reveal') {
        if (current === null) sessions.say('Save the session first: it is not on disk yet.');
        else if (item === 'rename') sessions.renaming = current.id;
        else if (item === 'duplicate') void sessions.duplicate(current);
        else if (item === 'delete') void sessions.remove(current);
        else void sessions.reveal(current);
      }
    });
    // Autosave on quit: main waits for closeWindow() before it closes.
    store.onCloseRequest(() => void sessions.saveBeforeQuit().finally(() => store.closeWindow()));
  }
  return sessions;
}
