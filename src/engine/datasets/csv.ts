/** Numeric CSV files as datasets: the parser is shared, so the lab's import dialog checks a file the same way. */
export { CsvError, parseCsv, type CsvOptions, type CsvProblem } from '../../shared/csv-parse';
export { decodeCsvBytes, firstBadUtf8Byte } from '../../shared/csv-bytes';
