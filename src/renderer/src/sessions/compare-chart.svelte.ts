/**
 * chart.js behind an attachment: the total loss of several saved sessions over epochs, one
 * line each (no animation). The legend is HTML next to the canvas, so it can be read aloud.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import { Chart } from '../canvas/chart-parts';

export interface CompareLine {
  label: string;
  colour: string;
  points: { x: number; y: number }[];
}

/** Distinct line colours (and dashes, so they differ without colour too). */
export const COMPARE_COLOURS = ['#2f62d8', '#d9480f', '#2b8a3e', '#9c36b5', '#c98a00', '#0b7285'];
const DASHES = [[], [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4]];

function config(lines: CompareLine[]): ChartConfiguration<'line', { x: number; y: number }[]> {
  return {
    type: 'line',
    data: {
      datasets: lines.map((l, i) => ({
        label: l.label,
        data: l.points,
        borderColor: l.colour,
        backgroundColor: l.colour,
        borderDash: DASHES[i % DASHES.length],
        borderWidth: 2,
        pointRadius: 0,
      })),
    },
    options: {
      animation: false,
      parsing: false,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false },
      plugins: { legend: { display: false } },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'epoch' }, ticks: { precision: 0 } },
        y: { type: 'linear', title: { display: true, text: 'total loss, nats per example' } },
      },
    },
  };
}

export function compareChart(input: () => CompareLine[]): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const lines = input();
    const chart = new Chart(canvas, config(lines));
    canvas.dataset.lines = String(lines.length);
    return () => chart.destroy();
  };
}
