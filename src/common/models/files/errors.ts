/**
 * The one error type of the model-file readers. Its message is written for a user (it ends up in a
 * notification or on the CLI's stderr), names the file part that is wrong, and never includes raw
 * bytes; `file` says which file of the folder it is about, when the reader knows.
 */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
  constructor(message: string, readonly file?: string) {
    super(file === undefined ? message : `${file}: ${message}`);
  }
}
