/**
 * Which files of a Hugging Face repository "Download Model…" fetches, where each one lives on the
 * hub (`{hub}/{repo}/resolve/{revision}/{file}`, as huggingface_hub's hf_hub_url builds it), and
 * which repository ids and revisions it accepts. No vscode: the unit tests use it as it is.
 */

/** Required: it says whether the model is one we read (bert, gpt2) before any weights are fetched. */
export const CONFIG_FILE = 'config.json';

/** Each optional: a repository has the ones its tokenizer needs (WordPiece: vocab.txt; byte-level BPE: vocab.json and merges.txt). */
export const TOKENIZER_FILES: readonly string[] = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt', 'vocab.json', 'merges.txt'];

/** The weights: the first of these the repository has (safetensors preferred, as transformers does); one is required. */
export const WEIGHT_FILES: readonly string[] = ['model.safetensors', 'pytorch_model.bin'];

export const DEFAULT_REVISION = 'main';

/** Offered by the command's prompt: two Chinese BERTs (the chapter is Chinese) and GPT-2. */
export const SUGGESTED_REPOSITORIES: readonly string[] = ['google-bert/bert-base-chinese', 'uer/chinese_roberta_L-4_H-256', 'openai-community/gpt2'];

/**
 * "org/name", or a bare "name" (the hub's oldest models, such as "gpt2"). The hub's own rule
 * (huggingface_hub's validate_repo_id): word characters, "-" and "."; no "--" or ".." anywhere;
 * each part at most 96 characters and not starting or ending with "-" or ".". That rule also makes
 * the folder name ("org--name") one safe path segment that maps back to one id.
 */
export function isRepoId(id: string): boolean {
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(id) || id.includes('--') || id.includes('..')) return false;
  return id.split('/').every((part) => part.length <= 96 && !/^[-.]|[-.]$/.test(part));
}

/** A branch, tag or commit: anything but empty, blank or control characters (the URL encodes the rest). */
export function isRevision(revision: string): boolean {
  return revision.length > 0 && revision.length <= 256 && !/[\s\p{Cc}]/u.test(revision);
}

/** The download's folder name under models/: "org--name", as the hub's own cache names repositories. */
export function modelFolderName(repo: string): string {
  return repo.replace('/', '--');
}

/**
 * "org/name" or "org/name@revision", as typed into the prompt. The revision is undefined when
 * none is given; invalid parts are left for isRepoId / isRevision to refuse.
 */
export function parseRepoInput(input: string): { repo: string; revision: string | undefined } {
  const text = input.trim();
  const at = text.indexOf('@');
  return at < 0 ? { repo: text, revision: undefined } : { repo: text.slice(0, at).trim(), revision: text.slice(at + 1).trim() };
}

/**
 * The hub's address for one file. The revision is one path segment ("refs/pr/1" becomes
 * "refs%2Fpr%2F1", as huggingface_hub quotes it); the repo id needs no encoding once checked.
 */
export function resolveUrl(hub: string, repo: string, revision: string, file: string): string {
  return `${hubBase(hub)}/${repo}/resolve/${encodeURIComponent(revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The hub's model-info API, for the file list with each file's size and hashes (used only where redirects cannot be read). */
export function modelInfoUrl(hub: string, repo: string, revision: string): string {
  return `${hubBase(hub)}/api/models/${repo}/revision/${encodeURIComponent(revision)}?blobs=true`;
}

/** The hub's address without a trailing slash; undefined when it is not an http(s) URL. */
export function checkedHub(hub: string): string | undefined {
  let url: URL;
  try {
    url = new URL(hub.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) return undefined;
  return hubBase(url.href);
}

const hubBase = (hub: string) => hub.trim().replace(/\/+$/, '');
