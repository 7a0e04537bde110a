/**
 * Every `attentionExplorer.*` setting in one place: its key, default and bounds (which the
 * manifest test compares with package.json), and one way of reading it that refuses a bad value
 * with a message naming the key, instead of clamping it or failing later.
 */
import * as vscode from 'vscode';
import { DEFAULT_MAX_TOKENS, HARD_MAX_TOKENS } from '../common/attention/analysis';
import { DEFAULT_CONFIG, LIMITS, resolveConfig, type AttentionConfig, type MaskKind, type PositionalKind } from '../common/attention/config';

export const SETTINGS_SECTION = 'attentionExplorer';

interface IntegerSpec {
  readonly type: 'integer';
  readonly key: string;
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
}
interface EnumSpec<T extends string> {
  readonly type: 'string';
  readonly key: string;
  readonly default: T;
  readonly enum: readonly T[];
}
interface BooleanSpec {
  readonly type: 'boolean';
  readonly key: string;
  readonly default: boolean;
}
interface StringListSpec {
  readonly type: 'array';
  readonly key: string;
  readonly default: readonly string[];
}
/** Free text, checked by whoever reads it (a model folder's path, a hub's address). */
interface TextSpec {
  readonly type: 'string';
  readonly key: string;
  readonly default: string;
  readonly enum?: undefined;
}
export type SettingSpec = IntegerSpec | EnumSpec<string> | BooleanSpec | StringListSpec | TextSpec;

export const SETTINGS = {
  /** "built-in", or a Hugging Face model folder (src/models/modelSetting.ts reads it). */
  model: { type: 'string', key: 'model', default: 'built-in' },
  /** Where "Download Model…" fetches from: the hub, or a mirror of it. */
  modelHub: { type: 'string', key: 'modelHub', default: 'https://huggingface.co' },
  dModel: { type: 'integer', key: 'dModel', default: DEFAULT_CONFIG.dModel, minimum: 1, maximum: LIMITS.maxDModel },
  heads: { type: 'integer', key: 'heads', default: DEFAULT_CONFIG.heads, minimum: 1, maximum: LIMITS.maxHeads },
  seed: { type: 'integer', key: 'seed', default: DEFAULT_CONFIG.seed, minimum: 0, maximum: 0xffffffff },
  mask: { type: 'string', key: 'mask', default: DEFAULT_CONFIG.mask, enum: ['none', 'causal'] } as EnumSpec<MaskKind>,
  positional: { type: 'string', key: 'positional', default: DEFAULT_CONFIG.positional, enum: ['none', 'sinusoidal'] } as EnumSpec<PositionalKind>,
  maxTokens: { type: 'integer', key: 'maxTokens', default: DEFAULT_MAX_TOKENS, minimum: 1, maximum: HARD_MAX_TOKENS },
  hoverEnabled: { type: 'boolean', key: 'hover.enabled', default: true },
  hoverLanguages: { type: 'array', key: 'hover.languages', default: ['markdown', 'plaintext', 'restructuredtext', 'asciidoc', 'latex'] },
} as const satisfies Record<string, SettingSpec>;

/** A setting the user must fix; the message names it and says what it accepts. */
export class SettingError extends Error {}

type ValueOf<S> = S extends IntegerSpec ? number : S extends TextSpec ? string : S extends EnumSpec<infer T> ? T : S extends BooleanSpec ? boolean : readonly string[];

/** The checked value of one setting (its default when unset); throws SettingError when it is invalid. */
export function readSetting<S extends SettingSpec>(spec: S): ValueOf<S> {
  const value: unknown = vscode.workspace.getConfiguration(SETTINGS_SECTION).get(spec.key, spec.default);
  const name = `${SETTINGS_SECTION}.${spec.key}`;
  switch (spec.type) {
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value) && value >= spec.minimum && value <= spec.maximum) return value as ValueOf<S>;
      throw new SettingError(vscode.l10n.t('"{0}" must be a whole number from {1} to {2}, not {3}.', name, spec.minimum, spec.maximum, JSON.stringify(value)));
    case 'string':
      if (!spec.enum) {
        if (typeof value === 'string') return value as ValueOf<S>;
        throw new SettingError(vscode.l10n.t('"{0}" must be text, not {1}.', name, JSON.stringify(value)));
      }
      if (typeof value === 'string' && spec.enum.includes(value)) return value as ValueOf<S>;
      throw new SettingError(vscode.l10n.t('"{0}" must be one of {1}, not {2}.', name, spec.enum.map((v) => `"${v}"`).join(', '), JSON.stringify(value)));
    case 'boolean':
      if (typeof value === 'boolean') return value as ValueOf<S>;
      throw new SettingError(vscode.l10n.t('"{0}" must be true or false, not {1}.', name, JSON.stringify(value)));
    case 'array':
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as unknown as ValueOf<S>;
      throw new SettingError(vscode.l10n.t('"{0}" must be a list of language ids, not {1}.', name, JSON.stringify(value)));
  }
}

export interface AnalysisSettings {
  readonly config: AttentionConfig;
  readonly maxTokens: number;
}

/** The attention settings, checked together (d_model must be divisible by heads). */
export function readAnalysisSettings(): AnalysisSettings {
  const dModel = readSetting(SETTINGS.dModel);
  const heads = readSetting(SETTINGS.heads);
  // Each value is in range by now: what is left for the core to refuse is the pair.
  if (dModel % heads !== 0) {
    throw new SettingError(vscode.l10n.t('"{0}" ({1}) must be divisible by "{2}" ({3}).', `${SETTINGS_SECTION}.dModel`, dModel, `${SETTINGS_SECTION}.heads`, heads));
  }
  const config = resolveConfig({ dModel, heads, seed: readSetting(SETTINGS.seed), mask: readSetting(SETTINGS.mask), positional: readSetting(SETTINGS.positional) });
  return { config, maxTokens: readSetting(SETTINGS.maxTokens) };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent, ...specs: readonly SettingSpec[]): boolean {
  return specs.some((spec) => event.affectsConfiguration(`${SETTINGS_SECTION}.${spec.key}`));
}

/** Opens the Settings editor on this extension's settings. */
export function openSettings(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`);
}
