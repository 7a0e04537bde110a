/**
 * Checks a message event's data before the app acts on it. Only the extension host posts to a
 * webview, but a malformed message must give a clear error, not a broken panel.
 */
import type { HostMessage } from '../../../src/common/protocol/attentionPanel';

export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'computing':
      return typeof message.sourceName === 'string' && typeof message.tokenCount === 'number'
        ? { type: 'computing', sourceName: message.sourceName, tokenCount: message.tokenCount }
        : undefined;
    case 'error':
      return typeof message.message === 'string' ? { type: 'error', message: message.message } : undefined;
    case 'analysis':
      return isView(message.view) && isNotes(message.notes) ? (message as unknown as HostMessage) : undefined;
    default:
      return undefined;
  }
}

/** The invariants the heatmap relies on: N tokens, and per head N×N finite weights. */
function isView(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Record<string, unknown>;
  const tokens = view.tokens;
  const weights = view.weights;
  const config = view.config as Record<string, unknown> | undefined;
  if (!Array.isArray(tokens) || !Array.isArray(weights) || typeof config !== 'object' || config === null) return false;
  if (!tokens.every((t) => typeof t === 'object' && t !== null && typeof (t as { text?: unknown }).text === 'string')) return false;
  const n = tokens.length;
  return (
    n > 0 &&
    weights.length === config.heads &&
    weights.every((head) => Array.isArray(head) && head.length === n * n && head.every((w) => typeof w === 'number' && Number.isFinite(w)))
  );
}

function isNotes(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((note) => typeof note === 'object' && note !== null && ['id', 'title', 'markdown'].every((key) => typeof (note as Record<string, unknown>)[key] === 'string'))
  );
}
