/**
 * KL per latent dimension over epochs (left axis, nats) and the active-unit count (right
 * axis, stepped): collapse shows as a dimension's line dropping to zero and the count stepping down.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { EpochMetrics } from '../../../../shared/protocol';
import { CLASS_COLORS } from '../../canvas/class-colors';
import { DECIMATION, throttledRedraw } from '../../canvas/chart-updates';
import { Chart, LINE_CHART_BASE } from '../../canvas/chart-parts';
import { COLLAPSE_KL_NATS } from './collapse';
import { exactValue } from '../common/format';
import { emptyKlSeries, extendKlSeries, type KlSeries } from './kl-series';
import type { Point } from '../../canvas/chart-updates';

export interface KlChartInput {
  history: readonly EpochMetrics[];
  logScale: boolean;
}

type LineSet = ChartDataset<'line', Point[]>;

function dimColor(j: number): string {
  return CLASS_COLORS[j % CLASS_COLORS.length];
}

function datasetsOf(series: KlSeries, activeColor: string): LineSet[] {
  const dims: LineSet[] = series.perDim.map((points, j) => ({
    label: `KL of z${j + 1}`,
    data: points,
    borderColor: dimColor(j),
    backgroundColor: dimColor(j),
    borderWidth: 1.5,
    pointRadius: 0,
    yAxisID: 'y',
  }));
  const active: LineSet = {
    label: 'active units',
    data: series.active,
    borderColor: activeColor,
    backgroundColor: activeColor,
    borderWidth: 2,
    borderDash: [4, 3],
    stepped: true,
    pointRadius: 0,
    yAxisID: 'y1',
  };
  return [...dims, active];
}

function chartConfig(series: KlSeries, text: string, grid: string): ChartConfiguration<'line', Point[]> {
  const axis = (title: string) => ({
    title: { display: true, text: title, color: text },
    ticks: { color: text },
    grid: { color: grid },
  });
  return {
    type: 'line',
    data: { datasets: datasetsOf(series, text) },
    options: {
      ...LINE_CHART_BASE,
      plugins: {
        decimation: DECIMATION,
        legend: {
          labels: {
            color: text,
            usePointStyle: true,
            pointStyle: 'line',
            boxWidth: 20,
            filter: (item, data) =>
              data.datasets.length <= 9 ||
              item.datasetIndex === data.datasets.length - 1 ||
              (item.datasetIndex ?? 0) < 8,
          },
        },
        tooltip: {
          callbacks: {
            title: (items) => `epoch ${items[0]?.parsed.x ?? ''}`,
            label: (item) =>
              item.dataset.yAxisID === 'y1'
                ? `active units: ${item.parsed.y}`
                : `${item.dataset.label ?? ''}: ${exactValue(item.parsed.y ?? NaN)} nats${(item.parsed.y ?? 0) < COLLAPSE_KL_NATS ? ' (collapsed)' : ''}`,
          },
        },
      },
      scales: {
        x: { type: 'linear', min: 0, suggestedMax: 10, ...axis('epoch'), ticks: { color: text, precision: 0 } },
        y: { type: 'linear', min: 0, ...axis('KL per dimension (nats)') },
        y1: {
          type: 'linear',
          position: 'right',
          min: 0,
          suggestedMax: 2,
          ...axis('active units'),
          ticks: { color: text, precision: 0 },
          grid: { drawOnChartArea: false },
        },
      },
    },
  };
}

/** `{@attach klChart(() => ({ history, logScale }))}` on a canvas. */
export function klChart(input: () => KlChartInput): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const style = () => getComputedStyle(canvas);
    const colors = () => ({
      text: style().getPropertyValue('--text-muted').trim(),
      grid: style().getPropertyValue('--grid').trim(),
    });
    let series = emptyKlSeries();
    const { text, grid } = colors();
    const chart = untrack(() => new Chart<'line', Point[]>(canvas, chartConfig(series, text, grid)));

    let history: readonly EpochMetrics[] = [];
    const redraw = throttledRedraw(() => {
      const k = history[0]?.klPerDim.length ?? 0;
      if (!extendKlSeries(series, history) || chart.data.datasets.length !== k + 1) {
        series = emptyKlSeries();
        extendKlSeries(series, history);
        chart.data.datasets = datasetsOf(series, colors().text);
      }
      chart.update('none');
      canvas.dataset.plottedEpochs = String(series.active.length);
      canvas.dataset.lastActive = series.active.length > 0 ? String(series.active.at(-1)!.y) : '';
    });

    $effect(() => {
      history = input().history;
      redraw.request();
    });

    // `input()` reads the history too: act only when the scale changed, not on every metrics message.
    let shownLog: boolean | null = null;
    $effect(() => {
      const { logScale } = input();
      if (logScale === shownLog) return;
      shownLog = logScale;
      const y = chart.options.scales?.y;
      if (y !== undefined) {
        y.type = logScale ? 'logarithmic' : 'linear';
        y.min = logScale ? undefined : 0;
      }
      chart.update('none');
    });

    // Follow the system's light/dark switch: axis text, grid and the active-units line.
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => {
      const theme = colors();
      for (const axis of [chart.options.scales?.y, chart.options.scales?.y1, chart.options.scales?.x]) {
        if (axis === undefined) continue;
        if (axis.ticks) axis.ticks.color = theme.text;
        if (axis.grid && axis !== chart.options.scales?.y1) axis.grid.color = theme.grid;
        if (axis.title) axis.title.color = theme.text;
      }
      const active = chart.data.datasets.at(-1);
      if (active) active.borderColor = active.backgroundColor = theme.text;
      if (chart.options.plugins?.legend?.labels) chart.options.plugins.legend.labels.color = theme.text;
      chart.update('none');
    };
    scheme.addEventListener('change', onScheme);
    return () => {
      scheme.removeEventListener('change', onScheme);
      redraw.cancel();
      chart.destroy();
    };
  };
}

/** The Chart behind a canvas (chart.js keeps a registry), for exporting it. */
export function chartOf(canvas: HTMLCanvasElement): Chart | undefined {
  return Chart.getChart(canvas);
}
