/** The attention panel's strings, in the display language: `t('headLabel')`, `t('headNumber', 2)`. */
import { ATTENTION_PANEL_STRINGS } from '../../../src/common/l10n/webviewStrings';
import { createTranslator } from '../shared/l10n';

export const t = createTranslator(ATTENTION_PANEL_STRINGS);
