/** Small formatting shared by the commands' output. */

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
