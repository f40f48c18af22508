/**
 * Renderer entry and composition root: pick the platform (desktop or web), build the lab and
 * its sessions, mount the screen with them, and take everything down when the page goes.
 */
import { mount, unmount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { pickHost } from './hosts/pick-host';
import { Lab } from './state/lab.svelte';
import { followSessionMenu } from './state/session-menu';
import { Page } from './state/page.svelte';
import { Sessions } from './state/sessions.svelte';
import { CLASSROOM_CONTEXT } from './state/classroom.svelte';
import { openSetupLink } from './classroom/setup-share';
import { setupCodeOf } from '../../shared/setup-link';
import { Sweep } from './state/sweep.svelte';
import { SweepLibrary } from './state/sweep-library.svelte';

/** Builds and starts the lab; returns what takes it down again. */
async function start(target: HTMLElement): Promise<() => void> {
  const { host, store, sweeps, runHost } = await pickHost();
  const lab = new Lab(host);
  // A setup link (`#setup=…`) is opened before the first configure, and instead of the last session.
  const link = host.kind === 'web' ? openSetupLink(lab, location.hash) : 'none';
  const sessions = new Sessions(lab, store);
  const unfollowMenu = followSessionMenu(sessions, host, store);
  const page = new Page();
  const unfollowPage = page.follow(host);
  const context = new Map([[CLASSROOM_CONTEXT, lab.classroom]]);
  const sweep = new Sweep(runHost);
  const library = new SweepLibrary(sweeps, sweep, async (title, text, yes) => {
    const answer = await sessions.ask({
      title,
      text,
      answers: [
        { answer: 'discard', label: yes },
        { answer: 'cancel', label: 'Cancel' },
      ],
    });
    return answer === 'discard';
  });
  const app = mount(App, { target, props: { lab, sessions, page, sweep, library }, context });
  lab.start();
  void sessions.start(link !== 'opened');
  void library.refresh();
  return () => {
    void unmount(app);
    unfollowMenu();
    unfollowPage();
    sweep.dispose();
    sessions.dispose();
    lab.dispose();
    host.dispose();
  };
}

const target = document.getElementById('app');
if (target !== null) {
  const started = start(target);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    void started.then((dispose) => dispose());
  };
  // A page kept in the back/forward cache (persisted) comes back as it was: keep it running.
  addEventListener('pagehide', (event) => {
    if (!event.persisted) stop();
  });
  // A setup link pasted into the address bar of an open lab changes only the hash: open it as a new page.
  addEventListener('hashchange', () => {
    if (setupCodeOf(location.hash) !== null) location.reload();
  });
  import.meta.hot?.dispose(stop);
}
