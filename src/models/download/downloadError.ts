/**
 * Why a download failed, as data: the core (no vscode) throws it, and the command turns it into a
 * localised message (downloadMessages.ts). `file` is the repository file concerned, when there is one.
 */
export type DownloadFailure =
  | { readonly kind: 'invalidRepo' }
  | { readonly kind: 'invalidRevision' }
  | { readonly kind: 'repoNotFound' }
  | { readonly kind: 'revisionNotFound' }
  /** Gated or private: the hub wants a token, which we never send. */
  | { readonly kind: 'needsToken' }
  | { readonly kind: 'noConfig' }
  | { readonly kind: 'unsupportedModel'; readonly modelType: string | undefined; readonly detail: string }
  | { readonly kind: 'noWeights' }
  /** fetch itself failed: no network, DNS, refused connection, TLS, CORS. */
  | { readonly kind: 'network'; readonly detail: string }
  | { readonly kind: 'httpStatus'; readonly file: string; readonly status: number }
  | { readonly kind: 'tooManyRedirects'; readonly file: string }
  | { readonly kind: 'hashMismatch'; readonly file: string; readonly algorithm: 'SHA-256' | 'SHA-1'; readonly expected: string; readonly actual: string }
  | { readonly kind: 'sizeMismatch'; readonly file: string; readonly expected: number; readonly actual: number }
  /** The host can write files only in one piece (the web), and this one is too large for that. */
  | { readonly kind: 'tooLargeHere'; readonly file: string; readonly size: number; readonly limit: number }
  | { readonly kind: 'storage'; readonly detail: string }
  | { readonly kind: 'cancelled' };

export class DownloadError extends Error {
  override name = 'DownloadError';
  constructor(readonly failure: DownloadFailure) {
    super(`download failed: ${JSON.stringify(failure)}`);
  }
}

export const isCancelled = (error: unknown): boolean => error instanceof DownloadError && error.failure.kind === 'cancelled';
