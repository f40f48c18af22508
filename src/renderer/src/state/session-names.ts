/** Names of saved sessions. */

/**
 * The naming rule: a session never saved is named after its settings and follows them; once saved
 * its name is fixed (only Rename changes it), and no two saved sessions share a name: a taken
 * name gets " (2)", " (3)", … when a session is first saved, saved as, or renamed.
 */
export function uniqueName(name: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  let n = 2;
  while (used.has(`${name} (${n})`)) n += 1;
  return `${name} (${n})`;
}
