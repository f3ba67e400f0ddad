/** Who caused a state change and within which case flow; carried from command to event. */
export interface EventContext {
  correlationId: string;
  causationId: string | null;
  actor: string;
}
