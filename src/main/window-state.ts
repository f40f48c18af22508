/** Window size and position as remembered between runs. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True when at least a 100×50 px corner of `window` overlaps one of the displays' work areas. */
function isVisible(window: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some((area) => {
    const overlapX = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
    const overlapY = Math.min(window.y + window.height, area.y + area.height) - Math.max(window.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
}

/**
 * Turn whatever the preferences file holds into a usable state: missing or wrong fields take
 * defaults, sizes are at least {@link MIN_WINDOW_SIZE}, and a position that is off every display
 * (a monitor was unplugged) is dropped so the window opens centred.
 */
export function sanitizeWindowState(value: unknown, workAreas: readonly Rect[]): WindowState {
  const saved = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const width = finite(saved.width)
    ? Math.max(MIN_WINDOW_SIZE.width, Math.round(saved.width))
    : DEFAULT_WINDOW_STATE.width;
  const height = finite(saved.height)
    ? Math.max(MIN_WINDOW_SIZE.height, Math.round(saved.height))
    : DEFAULT_WINDOW_STATE.height;
  const state: WindowState = { width, height, maximized: saved.maximized === true };
  if (finite(saved.x) && finite(saved.y)) {
    const placed = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
    if (isVisible(placed, workAreas)) Object.assign(state, { x: placed.x, y: placed.y });
  }
  return state;
}
