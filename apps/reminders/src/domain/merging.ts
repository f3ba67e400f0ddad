/** One reminder ready to go to a phone, its text already rendered. */
export interface MergeItem {
  id: string;
  kind: string;
  dueOn: string;
  phoneHash: string;
  text: string;
}

/** What goes to one phone on one day: one message listing each reminder. */
export interface MergedMessage {
  phoneHash: string;
  sendDay: string;
  reminderIds: string[];
  body: string;
}

/** Oldest due first, then by kind and id: the same reminders always read the same. */
function byDueThenKindThenId(a: MergeItem, b: MergeItem): number {
  return a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);
}

/** The text of one message: a single reminder as it is, several as a numbered list. */
export function mergedBody(items: MergeItem[]): string {
  const sorted = [...items].sort(byDueThenKindThenId);
  if (sorted.length === 1) return sorted[0].text;
  return [`您有${sorted.length}条提醒：`, ...sorted.map((item, i) => `${i + 1}. ${item.text}`)].join('\n');
}

/**
 * At most one SMS a day per phone: what is due to one phone on `sendDay` goes in one message.
 * Messages come in the order of their phones' hashes, reminders in due order (stable).
 */
export function mergeByPhone(items: MergeItem[], sendDay: string): MergedMessage[] {
  const byPhone = new Map<string, MergeItem[]>();
  for (const item of items) {
    if (item.dueOn > sendDay) continue; // not yet due: it waits for its own day
    byPhone.set(item.phoneHash, [...(byPhone.get(item.phoneHash) ?? []), item]);
  }
  return [...byPhone.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([phoneHash, group]) => ({
      phoneHash,
      sendDay,
      reminderIds: [...group].sort(byDueThenKindThenId).map((item) => item.id),
      body: mergedBody(group),
    }));
}
