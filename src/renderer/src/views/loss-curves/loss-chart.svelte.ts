/**
 * chart.js behind a Svelte attachment: the chart is made once per canvas, then updated in
 * place (no animation) as epochs arrive. The canvas's data-* attributes state what is plotted,
 * for tests and for anyone inspecting the page.
 */
import type { ChartConfiguration } from 'chart.js';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { EpochMetrics } from '../../../../shared/protocol';
import { DECIMATION, throttledRedraw, type Point } from '../../canvas/chart-updates';
import { Chart, LINE_CHART_BASE } from '../../canvas/chart-parts';
import { exactValue } from '../common/format';
import { emptySeries, extendSeries, LOSS_KEYS, LOSS_LABELS, type LossKey, type LossSeries } from './loss-series';

export interface LossChartInput {
  history: readonly EpochMetrics[];
  logScale: boolean;
}

/** Up to this many epochs each one is drawn as a dot too. */
const DOTS_UP_TO = 40;

/**
 * Each epoch gets a dot while there are few (a single epoch is otherwise invisible). A plain
 * value, not a scriptable option: chart.js then resolves options once, not once per point.
 */
const pointRadius = (points: number): number => (points <= DOTS_UP_TO ? 2.5 : 0);

/** Dash patterns, so the curves differ without colour too. */
const DASHES: Record<LossKey, number[]> = { loss: [], recon: [6, 3], kl: [2, 3], betaKl: [8, 3, 2, 3] };

interface Theme {
  lines: Record<LossKey, string>;
  text: string;
  grid: string;
}

/** Colours come from CSS custom properties, so the light and dark themes live in the stylesheet. */
function readTheme(element: Element): Theme {
  const style = getComputedStyle(element);
  const value = (name: string) => style.getPropertyValue(name).trim();
  return {
    // β·KL's colour is the views' own (views/Workspace.svelte); a fallback outside it.
    lines: {
      loss: value('--chart-total'),
      recon: value('--chart-recon'),
      kl: value('--chart-kl'),
      betaKl: value('--chart-beta-kl') || '#ae3ec9',
    },
    text: value('--text-muted'),
    grid: value('--grid'),
  };
}

function chartConfig(series: LossSeries, theme: Theme): ChartConfiguration<'line', Point[]> {
  return {
    type: 'line',
    data: {
      datasets: LOSS_KEYS.map((key) => ({
        label: LOSS_LABELS[key],
        data: series.points[key],
        borderColor: theme.lines[key],
        backgroundColor: theme.lines[key],
        borderDash: DASHES[key],
        borderWidth: 2,
        pointRadius: pointRadius(series.points[key].length),
      })),
    },
    options: {
      ...LINE_CHART_BASE,
      plugins: {
        decimation: DECIMATION,
        tooltip: {
          callbacks: {
            title: (items) => `epoch ${items[0]?.parsed.x ?? ''}`,
            label: (item) => `${item.dataset.label ?? ''}: ${exactValue(item.parsed.y ?? NaN)} nats`,
          },
        },
        legend: { labels: { color: theme.text, usePointStyle: true, pointStyle: 'line', boxWidth: 28 } },
      },
      scales: {
        // Epochs from 0, whole numbers; at least 0–10 so the first epochs do not fill the axis.
        x: {
          type: 'linear',
          min: 0,
          suggestedMax: 10,
          ticks: { color: theme.text, precision: 0 },
          title: { display: true, text: 'epoch', color: theme.text },
          grid: { color: theme.grid },
        },
        y: {
          type: 'linear',
          title: { display: true, text: 'nats per example', color: theme.text },
          ticks: { color: theme.text },
          grid: { color: theme.grid },
        },
      },
    },
  };
}

function applyTheme(chart: Chart<'line', Point[]>, theme: Theme): void {
  chart.data.datasets.forEach((dataset, i) => {
    dataset.borderColor = theme.lines[LOSS_KEYS[i]];
    dataset.backgroundColor = theme.lines[LOSS_KEYS[i]];
  });
  const { options } = chart;
  if (options.plugins?.legend?.labels) options.plugins.legend.labels.color = theme.text;
  for (const axis of [options.scales?.x, options.scales?.y]) {
    if (axis === undefined) continue;
    if (axis.ticks) axis.ticks.color = theme.text;
    if (axis.grid) axis.grid.color = theme.grid;
    if (axis.title) axis.title.color = theme.text;
  }
}

/** Write what is plotted onto the canvas: epochs, and the first and last total loss. */
function describePlot(canvas: HTMLCanvasElement, series: LossSeries): void {
  const total = series.points.loss;
  canvas.dataset.plottedEpochs = String(total.length);
  canvas.dataset.firstTotal = total.length > 0 ? String(total[0].y) : '';
  canvas.dataset.lastTotal = total.length > 0 ? String(total[total.length - 1].y) : '';
}

/** `{@attach lossChart(() => ({ history, logScale }))}` on a canvas. */
export function lossChart(input: () => LossChartInput): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let series = emptySeries();
    const chart = untrack(() => new Chart<'line', Point[]>(canvas, chartConfig(series, readTheme(canvas))));
    let history: readonly EpochMetrics[] = [];
    const redraw = throttledRedraw(() => {
      if (!extendSeries(series, history)) {
        series = emptySeries();
        extendSeries(series, history);
        chart.data.datasets.forEach((dataset, i) => (dataset.data = series.points[LOSS_KEYS[i]]));
      }
      for (const dataset of chart.data.datasets) dataset.pointRadius = pointRadius(series.points.loss.length);
      chart.update('none');
      describePlot(canvas, series);
    });

    $effect(() => {
      history = input().history;
      redraw.request();
    });

    $effect(() => {
      const { logScale } = input();
      const y = chart.options.scales?.y;
      if (y !== undefined) y.type = logScale ? 'logarithmic' : 'linear';
      chart.update('none');
    });

    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => {
      applyTheme(chart, readTheme(canvas));
      chart.update('none');
    };
    scheme.addEventListener('change', onScheme);
    return () => {
      redraw.cancel();
      scheme.removeEventListener('change', onScheme);
      chart.destroy();
    };
  };
}
