import { describe, expect, it } from 'vitest';
import { CsvError, decodeCsvBytes, firstBadUtf8Byte, parseCsv, type CsvOptions } from '../../src/engine/datasets';

function csvError(text: string, options?: CsvOptions): CsvError {
  try {
    parseCsv(text, options);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('parseCsv accepted the file');
}

describe('parseCsv: good files', () => {
  it('reads a header, numbers in every format a decimal literal allows', () => {
    const d = parseCsv('x,y\n1,-2.5\n+1.5,.5\n-1.5e-3,3E2\n');
    expect(d.columns).toEqual(['x', 'y']);
    expect(d.n).toBe(3);
    expect(d.dim).toBe(2);
    expect(Array.from(d.x)).toEqual([1, -2.5, 1.5, 0.5, Math.fround(-1.5e-3), 300]);
    expect(d.classes).toBe(0);
    expect(Array.from(d.labels)).toEqual([-1, -1, -1]);
    expect(d.classNames).toBeUndefined();
  });

  it('accepts a BOM, CRLF, quoted cells, spaces after commas and blank trailing lines', () => {
    const d = parseCsv('\uFEFF"a","b"\r\n"1.5", 2\r\n3,"-4"\r\n\r\n\n');
    expect(d.columns).toEqual(['a', 'b']);
    expect(Array.from(d.x)).toEqual([1.5, 2, 3, -4]);
  });

  it('reads a file without a header (auto and forced) and names columns by number', () => {
    const auto = parseCsv('1,2\n3,4\n');
    expect(auto.n).toBe(2);
    expect(auto.columns).toEqual(['column 1', 'column 2']);
    const forced = parseCsv('1,2\n3,4\n5,6', { header: false });
    expect(Array.from(forced.x)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('labels and names that merely start with a sign before a number are text, not formulas', () => {
    const d = parseCsv('x,-1 offset\n1,-1\n2,+2\n3,-1\n', { label: 2 });
    expect(d.classNames).toEqual(['-1', '+2']);
  });

  it('maps a text label column to classes in order of first appearance', () => {
    const text =
      'sepal,species,petal\n5.1,setosa,1.4\n7.0,"versi, color",4.7\n4.9,setosa,1.4\n6.3,virginica,6.0\n5.0,,1.0\n';
    for (const label of ['species', 2, '2'] as const) {
      const d = parseCsv(text, { label });
      expect(d.columns).toEqual(['sepal', 'petal']);
      expect(Array.from(d.x)).toEqual([5.1, 1.4, 7, 4.7, 4.9, 1.4, 6.3, 6, 5, 1].map(Math.fround));
      expect(Array.from(d.labels)).toEqual([0, 1, 0, 2, -1]);
      expect(d.classes).toBe(3);
      expect(d.classNames).toEqual(['setosa', 'versi, color', 'virginica']);
    }
  });

  it('a label column without a header: the header is guessed from the other columns', () => {
    const d = parseCsv('1,a\n2,b\n3,a\n', { label: 2 });
    expect(d.n).toBe(3);
    expect(d.classNames).toEqual(['a', 'b']);
  });

  it('detects semicolon and tab delimiters', () => {
    expect(Array.from(parseCsv('a;b\n1;2\n3;4').x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(parseCsv('a\tb\n1\t2\n3\t4').x)).toEqual([1, 2, 3, 4]);
  });

  it('a single column and quoted cells holding quotes and newlines (label column)', () => {
    expect(Array.from(parseCsv('v\n1\n2\n').x)).toEqual([1, 2]);
    const d = parseCsv('v,name\n1,"say ""hi""\nthere"\n2,x\n', { label: 'name' });
    expect(d.classNames).toEqual(['say "hi"\nthere', 'x']);
  });
});

describe('parseCsv: bad files name the row and column', () => {
  it.each([
    [
      'text in a number column',
      'x,y\n1,2\n3,4\n5,6\n6,7\n7,8\n8,abc\n',
      7,
      2,
      'row 7, column 2 ("y"): "abc" is not a number',
    ],
    ['text, no header', '1,2,3\n4,5,x\n', 2, 3, 'row 2, column 3: "x" is not a number'],
    ['an empty cell', 'a,b\n1,\n', 2, 2, 'row 2, column 2 ("b"): empty cell, expected a number'],
    [
      'a formula',
      'a,b\n1,2\n=1+2,3\n',
      3,
      1,
      'row 3, column 1 ("a"): "=1+2" looks like a formula; formulas are not allowed',
    ],
    ['an @ formula', 'a,b\n1,@SUM(A1)\n', 2, 2, 'row 2, column 2 ("b"): "@SUM(A1)" looks like a formula'],
    [
      'a tab-led cell',
      'a,b\n1,"\t=cmd"\n',
      2,
      2,
      'row 2, column 2 ("b"): "\\t=cmd" starts with a tab or carriage return',
    ],
    ['a CR-led cell', 'a,b\n1,"\r2"\n', 2, 2, 'starts with a tab or carriage return'],
    ['hex', 'a\n0x10\n1\n', 2, 1, 'row 2, column 1 ("a"): "0x10" is not a number'],
    ['NaN', 'a\n1\nNaN\n', 3, 1, 'row 3, column 1 ("a"): "NaN" is not a number'],
    ['Infinity', 'a\n1\n-Infinity\n', 3, 1, '"-Infinity" is not a number'],
    ['too large for float32', 'a\n1\n1e39\n', 3, 1, 'row 3, column 1 ("a"): "1e39" is too large'],
    ['a decimal comma', 'a;b\n1,5;2\n', 2, 1, 'row 2, column 1 ("a"): "1,5" is not a number'],
    ['a short row', 'x,y,z\n1,2,3\n4,5\n', 3, 3, 'row 3, column 3 ("z"): this row has 2 cells but row 1 has 3'],
    ['a long row', 'x,y\n1,2\n4,5,6\n', 3, 3, 'row 3, column 3: this row has 3 cells but row 1 has 2'],
    ['an unclosed quote', 'x,y\n1,"2\n3,4\n', 2, 2, 'row 2, column 2 ("y"): a quoted cell is never closed'],
    [
      'text after a closing quote',
      'x,y\n1,"2"x\n',
      2,
      2,
      'row 2, column 2 ("y"): unexpected text after a closing quote',
    ],
    ['too many columns', 'a,b,c,d\n1,2,3,4\n', 1, 4, 'row 1, column 4: more than 3 columns', { maxColumns: 3 }],
    ['too many rows', 'a\n1\n2\n3\n4\n', 5, undefined, 'row 5: more than 3 data rows', { maxRows: 3 }],
    [
      'a blank row in the middle',
      'a\n1\n\n2\n',
      3,
      undefined,
      'row 3: empty row (only trailing blank lines are allowed)',
    ],
  ] as const)('%s', (_what, text, row, column, message, options?: CsvOptions) => {
    const e = csvError(text, options);
    expect(e.row).toBe(row);
    expect(e.column).toBe(column);
    expect(e.message).toContain(message);
    expect(e.message.startsWith(`row ${row}`)).toBe(true);
  });

  it('the error carries the column name and the bare reason', () => {
    const e = csvError('x,y\n1,abc\n');
    expect(e.columnName).toBe('y');
    expect(e.reason).toBe('"abc" is not a number');
    expect(e.message).toBe('row 2, column 2 ("y"): "abc" is not a number');
    expect(e).toBeInstanceOf(Error);
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['only blank lines', '\n\r\n\n', 'the file is empty'],
    ['one data row', 'x,y\n1,2\n', 'the file has 1 data row; at least 2 are needed'],
    ['a header only', 'x,y\n', 'the file has 0 data rows; at least 2 are needed'],
  ])('%s is refused', (_what, text, message) => {
    expect(csvError(text).message).toBe(message);
  });

  it('a header row of numbers only is refused when header=yes is given: it is likelier data', () => {
    const e = csvError('1,2\n3,4\n5,6', { header: true });
    expect(e.row).toBe(1);
    expect(e.message).toBe('row 1: the header row holds only numbers: is it data? use header=no');
  });

  it('two columns with the same name are refused', () => {
    const e = csvError('a,x,b,x\n1,2,3,4\n5,6,7,8\n');
    expect(e.row).toBe(1);
    expect(e.message).toBe('row 1: columns 2 and 4 are both named "x"');
    // Unnamed columns are named by number instead, so they may repeat.
    expect(parseCsv('a,,\nx,1,2\ny,3,4\n', { label: 'a' }).columns).toEqual(['column 2', 'column 3']);
  });

  it.each([
    ['a header cell', 'a,=HYPERLINK("x")\n1,2\n3,4\n', 1, 2, '"=HYPERLINK(\\"x\\")" looks like a formula'],
    ['a signed header cell', 'a,-A1+1\n1,2\n3,4\n', 1, 2, '"-A1+1" looks like a formula'],
    ['a label cell', 'x,kind\n1,a\n2,@SUM(A1)\n', 3, 2, '"@SUM(A1)" looks like a formula'],
    ['a signed label cell', 'x,kind\n1,a\n2,+cmd|x\n', 3, 2, '"+cmd|x" looks like a formula'],
    ['a tab-led label cell', 'x,kind\n1,a\n2,"\t=1"\n', 3, 2, 'starts with a tab or carriage return'],
  ])('formula-looking text in %s is refused like in number cells', (_what, text, row, column, message) => {
    const e = csvError(text, { label: text.startsWith('x,kind') ? 'kind' : undefined });
    expect([e.row, e.column]).toEqual([row, column]);
    expect(e.message).toContain(message);
  });

  it('label column problems', () => {
    expect(csvError('a,b\n1,2\n3,4\n', { label: 'kind' }).message).toBe(
      'row 1: no column is named "kind" (columns: "a", "b")',
    );
    expect(csvError('a,b\n1,2\n3,4\n', { label: 3 }).message).toBe(
      'row 1: label column 3 does not exist: the file has 2 columns',
    );
    expect(csvError('kind\nx\ny\n', { label: 'kind' }).message).toBe(
      'row 1: no numeric column: the only column is the label column',
    );
    expect(csvError('1,a\n2,b\n', { label: 'b', header: false }).message).toContain(
      'a label column given by name needs a header row',
    );
  });
});

describe('decodeCsvBytes: a file that is not UTF-8 is refused, naming its first bad byte', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
  const refusal = (b: Uint8Array): CsvError => {
    try {
      decodeCsvBytes(b);
    } catch (e) {
      if (e instanceof CsvError) return e;
      throw e;
    }
    throw new Error('decodeCsvBytes accepted the bytes');
  };

  it('decodes UTF-8, multi-byte characters included', () => {
    expect(decodeCsvBytes(bytes('name,v\ncafé,1\n😀,2\n'))).toBe('name,v\ncafé,1\n😀,2\n');
  });

  it('a Latin-1 é names its row and column', () => {
    const e = refusal(bytes('name;note;v\r\nx;ok;1\ny;caf', [0xe9], ';2\n'));
    expect(e.message).toBe('not UTF-8 text: the first bad byte is at row 3, column 2');
    expect([e.row, e.column]).toEqual([3, 2]);
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['an overlong form', [0x41, 0xc0, 0x80], 1],
    ['a UTF-16 surrogate', [0x41, 0x42, 0xed, 0xa0, 0x80], 2],
    ['a sequence cut short by the end', [0x41, 0xe2, 0x82], 1],
    ['a lead byte followed by ASCII', [0xe2, 0x41, 0x42], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('%s: its first byte is the bad one', (_what, b, offset) => {
    expect(firstBadUtf8Byte(Uint8Array.from(b))).toBe(offset);
    expect(refusal(Uint8Array.from(b)).message).toBe(`not UTF-8 text: the first bad byte is at row 1, column 1`);
  });
});
