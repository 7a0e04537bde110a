/** The CLI's limit on `--json` output: the longest string this Node can make (estimated by src/common/export/jsonSize.ts). */
import { constants } from 'node:buffer';

export { estimatedJsonChars, jsonNumberCount } from '../common/export/jsonSize';

/** The longest string V8 can make (about 512 Mi characters): the JSON must fit in one. */
export const MAX_JSON_CHARS = constants.MAX_STRING_LENGTH;
