// Types of install-code-server.mjs, for TypeScript code that imports it.
export declare const NODE_VERSION: string;
export declare const CODE_SERVER_VERSION: string;

export interface InstallLayout {
  root: string;
  nodePrefix: string;
  nodeHome: string;
  /** The Node that code-server, and so VS Code's extension host, runs on. */
  nodeBin: string;
  codeServerPrefix: string;
  codeServerEntry: string;
  marker: string;
}

export declare function cacheDir(): string;
export declare function installLayout(root?: string): InstallLayout;
export declare function ensureCodeServer(options?: { quiet?: boolean }): Promise<InstallLayout>;
