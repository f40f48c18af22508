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

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip, Decimation);

export { Chart };

/** Options every line chart here starts from: no animation, pre-parsed sorted points, hover by epoch. */
export const LINE_CHART_BASE = {
  animation: false,
  parsing: false,
  normalized: true,
  maintainAspectRatio: false,
  interaction: { mode: 'index', intersect: false },
} as const;
