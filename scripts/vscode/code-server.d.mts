// Types of code-server.mjs, for TypeScript code that imports it.
export interface CodeServerOptions {
  /** Folder to open. */
  workspace: string;
  /** Extension folder to load, linked into the fresh extensions folder. */
  linkExtension?: string;
  /** Let `?payload=` run extension tests (integration tests). */
  smokeTestDriver?: boolean;
  port?: number;
  onOutput?: (line: string) => void;
  logFile?: string;
  startTimeoutMs?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

export declare function freePort(): Promise<number>;

export declare function startCodeServer(options: CodeServerOptions): Promise<CodeServer>;
