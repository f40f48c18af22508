/**
 * chart.js with the parts the line charts use registered once (chart.js registers nothing by
 * itself, so each chart would otherwise have to list them).
 */
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { onRootChange, textScale } from './text-scale';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Decimation);

/** chart.js's own default size, px, before the page's text scale. */
const FONT_PX = 12;

/** Ticks, axis titles and legends follow the page's text scale: larger while a view is presented. */
function applyTextScale(): void {
  const size = Math.round(FONT_PX * textScale() * 10) / 10;
  if (Chart.defaults.font.size === size) return;
  Chart.defaults.font.size = size;
  for (const chart of Object.values(Chart.instances)) chart.update('none');
}
applyTextScale();
onRootChange(() => requestAnimationFrame(applyTextScale));

export { Chart };

/** Options every line chart here starts from: no animation, pre-parsed sorted points, hover by epoch. */
export const LINE_CHART_BASE = {
  animation: false,
  parsing: false,
  normalized: true,
  maintainAspectRatio: false,
  interaction: { mode: 'index', intersect: false },
} as const;
