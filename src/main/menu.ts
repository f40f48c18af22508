import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/preload-api';

export interface MenuActions {
  /** Forward a command to the page. */
  send(command: MenuCommand): void;
  /** File ▸ Open Recent ▸ a file. */
  openRecent(path: string): void;
  openLearnLink(): void;
  showAbout(): void;
}

export interface MenuEnvironment {
  /** Reload and developer tools are offered only under `electron-vite dev`. */
  isDev: boolean;
  isMac: boolean;
  /** Recently opened or saved session files, newest first. */
  recent: readonly string[];
}

/** The file name of a path, whichever separator it uses. */
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function recentMenu(actions: MenuActions, recent: readonly string[]): MenuItemConstructorOptions {
  const submenu: MenuItemConstructorOptions[] = recent.length
    ? recent.map((path) => ({ label: fileName(path), sublabel: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent sessions', enabled: false }];
  return { label: 'Open Recent', submenu };
}

function fileMenu(actions: MenuActions, env: MenuEnvironment): MenuItemConstructorOptions {
  const submenu: MenuItemConstructorOptions[] = [
    { label: 'New', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new') },
    { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.send('open') },
    recentMenu(actions, env.recent),
    { type: 'separator' },
    { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => actions.send('save') },
    { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.send('save-as') },
    { label: 'Save Setup…', click: () => actions.send('save-setup') },
    { label: 'Rename…', click: () => actions.send('rename') },
    { label: 'Duplicate', click: () => actions.send('duplicate') },
    { label: 'Delete', click: () => actions.send('delete') },
    { label: env.isMac ? 'Reveal in Finder' : 'Show in Folder', click: () => actions.send('reveal') },
    { type: 'separator' },
    {
      label: 'Export model…',
      submenu: [
        { label: 'PyTorch…', click: () => actions.send('export-pytorch') },
        { label: 'ONNX…', click: () => actions.send('export-onnx') },
      ],
    },
  ];
  if (!env.isMac) submenu.push({ type: 'separator' }, { role: 'quit' });
  return { label: 'File', submenu };
}

function viewMenu(env: MenuEnvironment): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = env.isDev
    ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return {
    label: 'View',
    submenu: [
      ...dev,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

function trainMenu(actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: 'Train',
    submenu: [
      { label: 'Train / Pause', accelerator: 'F5', click: () => actions.send('train-toggle') },
      { label: 'Step', accelerator: 'F10', click: () => actions.send('step') },
      { label: 'Reset', accelerator: 'Shift+F5', click: () => actions.send('reset') },
    ],
  };
}

/** The application menu; items that act on the page go through `actions.send`. */
export function buildMenuTemplate(actions: MenuActions, env: MenuEnvironment): MenuItemConstructorOptions[] {
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Learn View', accelerator: 'F1', click: () => actions.send('show-learn') },
      { label: 'Learn about VAEs', click: () => actions.openLearnLink() },
      ...(env.isMac
        ? []
        : [{ type: 'separator' } as const, { label: 'About VAE Lab', click: () => actions.showAbout() }]),
    ],
  };
  // macOS keeps About and Quit in the app menu and expects a Window menu.
  const appMenu: MenuItemConstructorOptions[] = env.isMac ? [{ role: 'appMenu' }] : [];
  const windowMenu: MenuItemConstructorOptions[] = env.isMac ? [{ role: 'windowMenu' }] : [];
  return [
    ...appMenu,
    fileMenu(actions, env),
    { role: 'editMenu' },
    viewMenu(env),
    trainMenu(actions),
    ...windowMenu,
    help,
  ];
}
