import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../src/main/menu';

function items(menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return menu.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function build(isDev: boolean, recent: string[] = []) {
  const actions: MenuActions = { send: vi.fn(), openRecent: vi.fn(), openLearnLink: vi.fn(), showAbout: vi.fn() };
  const template = buildMenuTemplate(actions, { isDev, isMac: false, recent });
  const byLabel = (label: string) => items(template).find((item) => item.label === label)!;
  const click = (label: string) => (byLabel(label).click as () => void)();
  return { actions, template, byLabel, click };
}

describe('buildMenuTemplate', () => {
  it('lists recent session files under File ▸ Open Recent, newest first, and opens the one clicked', () => {
    const { actions, byLabel, click } = build(false, [
      '/home/ana/runs/beta-sweep.vaelab',
      'C:\\Users\\ana\\lecture.vaelab',
    ]);
    const submenu = byLabel('Open Recent').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((item) => item.label)).toEqual(['beta-sweep.vaelab', 'lecture.vaelab']);
    expect(submenu[0].sublabel).toBe('/home/ana/runs/beta-sweep.vaelab');
    click('lecture.vaelab');
    expect(actions.openRecent).toHaveBeenCalledWith('C:\\Users\\ana\\lecture.vaelab');
    const empty = build(false).byLabel('Open Recent').submenu as MenuItemConstructorOptions[];
    expect(empty).toEqual([{ label: 'No recent sessions', enabled: false }]);
  });

  it('has File, Edit, View, Train and Help menus', () => {
    const { template } = build(false);
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'editMenu', 'View', 'Train', 'help']);
  });

  it('sends page commands from File and Train, with the documented shortcuts', () => {
    const { actions, byLabel, click } = build(false);
    for (const label of [
      'New',
      'Open…',
      'Save',
      'Save As…',
      'Save Setup…',
      'Rename…',
      'Duplicate',
      'Delete',
      'Show in Folder',
      'Train / Pause',
      'Step',
      'Reset',
    ])
      click(label);
    expect(vi.mocked(actions.send).mock.calls.map(([command]) => command)).toEqual([
      'new',
      'open',
      'save',
      'save-as',
      'save-setup',
      'rename',
      'duplicate',
      'delete',
      'reveal',
      'train-toggle',
      'step',
      'reset',
    ]);
    expect(byLabel('Train / Pause').accelerator).toBe('F5');
    expect(byLabel('Step').accelerator).toBe('F10');
  });

  it('opens the learning link and the about panel from Help', () => {
    const { actions, click } = build(false);
    click('Learn about VAEs');
    click('About VAE Lab');
    expect(actions.openLearnLink).toHaveBeenCalledTimes(1);
    expect(actions.showAbout).toHaveBeenCalledTimes(1);
  });

  it('opens the Learn view from Help ▸ Learn View (F1)', () => {
    const { actions, byLabel, click } = build(false);
    expect(byLabel('Learn View').accelerator).toBe('F1');
    click('Learn View');
    expect(actions.send).toHaveBeenCalledWith('show-learn');
  });

  it('offers reload and developer tools only in dev', () => {
    const roles = (isDev: boolean) =>
      items(build(isDev).template)
        .map((item) => item.role)
        .filter(Boolean);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools', 'quit', 'togglefullscreen', 'zoomIn']),
    );
  });
});
