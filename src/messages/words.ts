/** How the catalogue puts lists and counts into sentences. */

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** At most `max` items named, then how many more. */
export function some(items: readonly string[], max = 6): string {
  return items.length <= max ? listOf(items) : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
