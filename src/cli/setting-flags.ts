/**
 * The command-line flags of the settings tables (src/shared/settings.ts): their parsing and their
 * `--help` lines. A new row in the tables is a new flag here with no edit.
 */
import { LIMITS } from '../shared/config';
import { HOST_SETTINGS, SETTING_ROWS, type Setting, type SettingGroup, type SettingRow } from '../shared/settings';
import { parseChoice, parseNumber, parseWidths } from './parse-values';

/** Dataset kinds a command line can name: drawn points need the app's canvas. */
const CLI_KINDS = (choices: readonly string[]) => choices.filter((c) => c !== 'points');

/** The value a flag's text stands for, checked against the row's limits or choices. */
export function parseSettingFlag(row: SettingRow, text: string): number | string | number[] {
  const s = row.setting;
  switch (s.type) {
    case 'number':
      return parseNumber(s.flag, text, s.limit);
    case 'choice':
      return parseChoice(s.flag, text, row.key === 'kind' ? CLI_KINDS(s.choices) : s.choices);
    case 'widths':
      return parseWidths(s.flag, text, LIMITS.hiddenLayers, LIMITS.hiddenWidth);
    default:
      throw new Error(`--${s.flag} is not read as a single value`);
  }
}

const number = (x: number): string =>
  x !== 0 && Math.abs(x) < 1e-3
    ? x.toExponential()
    : Math.abs(x) >= 1e5 && !Number.isInteger(x)
      ? x.toExponential().replace('e+', 'e')
      : String(x);

function valueWord(row: SettingRow): string {
  const s: Setting = row.setting;
  switch (s.type) {
    case 'number':
      return s.limit.integer ? 'N' : 'X';
    case 'choice':
      return (row.key === 'kind' ? CLI_KINDS(s.choices) : s.choices).join('|');
    case 'widths':
      return 'W[,W…]|none';
    case 'params':
      return 'key=value,...';
    case 'boolean':
      return '';
  }
}

function detail(s: Setting): string {
  if (s.type === 'number') return ` [${number(s.limit.min)} … ${number(s.limit.max)}, default ${number(s.default)}]`;
  if (s.type === 'choice' || s.type === 'widths')
    return ` [default ${Array.isArray(s.default) ? s.default.join(',') : String(s.default)}]`;
  return '';
}

const GROUP_TITLES: Record<SettingGroup, string> = { dataset: 'Data', model: 'Model', train: 'Training' };

/** `--help` lines of one group: the flag and its value, then its help line with limits and default. */
export function settingHelp(group: SettingGroup): string {
  const lines = SETTING_ROWS.filter((r) => r.group === group).map((r) => {
    const head = `  --${r.setting.flag} ${valueWord(r)}`.trimEnd();
    const text = `${r.setting.help}${detail(r.setting)}`;
    return head.length < 30 ? `${head.padEnd(30)}${text}` : `${head}\n${' '.repeat(30)}${text}`;
  });
  return `${GROUP_TITLES[group]}\n${lines.join('\n')}`;
}

/** `--help` lines of the host's settings (HOST_SETTINGS): they change how fast, never what. */
export function hostSettingHelp(): string {
  const lines = Object.values(HOST_SETTINGS).map((s) => {
    const head = `  --${s.flag} N`;
    return `${head.padEnd(30)}${s.help} [${s.limit.min} … ${s.limit.max}, default ${s.default}]`;
  });
  return `Host\n${lines.join('\n')}`;
}
