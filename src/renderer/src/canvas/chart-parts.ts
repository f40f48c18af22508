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
