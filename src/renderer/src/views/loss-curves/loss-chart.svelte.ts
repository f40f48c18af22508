/**
 * chart.js behind a Svelte attachment: the chart is made once per canvas, then updated in
 * place (no animation) as epochs arrive. The canvas's data-* attributes state what is plotted,
 * for tests and for anyone inspecting the page.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { EpochMetrics } from '../../../../shared/protocol';
import { DECIMATION, throttledRedraw, type Point } from '../../canvas/chart-updates';
import { Chart, LINE_CHART_BASE } from '../../canvas/chart-parts';
import { exactValue } from '../common/format';
import { markLabel, type LiveMark } from '../../state/live-marks';
import {
  emptySeries,
  extendSeries,
  LOSS_KEYS,
  LOSS_LABELS,
  robustRange,
  type LossKey,
  type LossSeries,
} from './loss-series';
import { canvasFont, scaled } from '../../canvas/text-scale';

export interface LossChartInput {
  history: readonly EpochMetrics[];
  logScale: boolean;
  /** Show every value, epoch 1 included, instead of the robust range (linear scale only). */
  wholeRange: boolean;
  marks: readonly LiveMark[];
}

/** Thin lines, so close curves and the marks stay apart. */
const LINE_WIDTH = 1.25;

/** A labelled tick at each live change: a dashed line across the plot, its label at the top. */
function marksPlugin(marks: () => readonly LiveMark[], theme: () => Theme): Plugin<'line'> {
  return {
    id: 'liveMarks',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const x = scales.x;
      ctx.save();
      const { text, surface } = theme();
      ctx.strokeStyle = text;
      ctx.font = canvasFont(11);
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      let row = 0;
      let lastRight = -Infinity;
      for (const mark of marks()) {
        const px = x.getPixelForValue(mark.epoch);
        if (px < area.left || px > area.right) continue;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        const label = markLabel(mark);
        const width = ctx.measureText(label).width;
        const left = Math.min(px + 3, area.right - width);
        // Labels that would overlap step down a line.
        row = left < lastRight + 4 ? (row + 1) % 4 : 0;
        const top = area.top + 2 + row * scaled(14);
        // On a box of the panel's colour, so the curves under the label do not hide it.
        ctx.fillStyle = surface;
        ctx.fillRect(left - 2, top, width + 4, scaled(13));
        ctx.fillStyle = text;
        ctx.fillText(label, left, top + scaled(10));
        lastRight = left + width;
      }
      ctx.restore();
    },
  };
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
  surface: string;
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
    surface: value('--surface') || '#fff',
  };
}

function chartConfig(series: LossSeries, theme: Theme, plugin: Plugin<'line'>): ChartConfiguration<'line', Point[]> {
  return {
    type: 'line',
    plugins: [plugin],
    data: {
      datasets: LOSS_KEYS.map((key) => ({
        label: LOSS_LABELS[key],
        data: series.points[key],
        borderColor: theme.lines[key],
        backgroundColor: theme.lines[key],
        borderDash: DASHES[key],
        borderWidth: LINE_WIDTH,
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
function describePlot(canvas: HTMLCanvasElement, series: LossSeries, chart: Chart<'line', Point[]>): void {
  const total = series.points.loss;
  const y = chart.scales.y;
  canvas.dataset.yMin = y ? String(y.min) : '';
  canvas.dataset.yMax = y ? String(y.max) : '';
  canvas.dataset.plottedEpochs = String(total.length);
  canvas.dataset.firstTotal = total.length > 0 ? String(total[0].y) : '';
  canvas.dataset.lastTotal = total.length > 0 ? String(total[total.length - 1].y) : '';
  // The dot radius chart.js draws the oldest point with (0 once the run has more than DOTS_UP_TO epochs).
  const oldest = chart.getDatasetMeta(0).data[0] as { options?: { radius?: number } } | undefined;
  canvas.dataset.pointRadius = oldest?.options?.radius === undefined ? '' : String(oldest.options.radius);
}

/** `{@attach lossChart(() => ({ history, logScale }))}` on a canvas. */
export function lossChart(input: () => LossChartInput): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let series = emptySeries();
    let marks: readonly LiveMark[] = [];
    let theme = readTheme(canvas);
    let linear = true;
    const plugin = marksPlugin(
      () => marks,
      () => theme,
    );
    const chart = untrack(() => new Chart<'line', Point[]>(canvas, chartConfig(series, theme, plugin)));
    let history: readonly EpochMetrics[] = [];
    let wholeRange = false;
    /** The robust range on a linear axis; chart.js's own fit on a log axis or when asked for the whole range. */
    const fitY = (): void => {
      const y = chart.options.scales?.y;
      if (y === undefined) return;
      const range = linear && !wholeRange ? robustRange(series) : null;
      y.min = range?.min;
      y.max = range?.max;
      canvas.dataset.yRange = range ? 'robust' : linear ? 'whole' : 'log';
    };
    const redraw = throttledRedraw(() => {
      if (!extendSeries(series, history)) {
        series = emptySeries();
        extendSeries(series, history);
        chart.data.datasets.forEach((dataset, i) => (dataset.data = series.points[LOSS_KEYS[i]]));
      }
      const radius = pointRadius(series.points.loss.length);
      const resized = chart.data.datasets.some((dataset) => dataset.pointRadius !== radius);
      for (const dataset of chart.data.datasets) dataset.pointRadius = radius;
      fitY();
      // A 'none' update keeps the points' shared options (their radius) as they were: the dots
      // of the first epochs would stay on every point of a long run, thousands of circles a redraw.
      chart.update(resized ? undefined : 'none');
      describePlot(canvas, series, chart);
      canvas.dataset.marks = marks.map((m) => `${m.epoch}: ${markLabel(m)}`).join('; ');
    });

    $effect(() => {
      history = input().history;
      redraw.request();
    });

    // `input()` reads every field, so each effect below runs on every metrics message: they
    // act only when their own fields changed (an axis refit per message is a whole-history sort).
    $effect(() => {
      const next = input().marks;
      if (next === marks) return;
      marks = next;
      redraw.request();
    });

    let shownScale: string | null = null;
    $effect(() => {
      const { logScale, wholeRange: whole } = input();
      const scale = `${logScale} ${whole}`;
      if (scale === shownScale) return;
      shownScale = scale;
      linear = !logScale;
      wholeRange = whole;
      const y = chart.options.scales?.y;
      if (y !== undefined) y.type = logScale ? 'logarithmic' : 'linear';
      fitY();
      chart.update('none');
      describePlot(canvas, series, chart);
    });

    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => {
      theme = readTheme(canvas);
      applyTheme(chart, theme);
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
