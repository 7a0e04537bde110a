/**
 * The body class and a subset of the --vscode-* variables VS Code sets on a webview for its
 * default themes (Light Modern, Dark Modern, Dark High Contrast): enough to see the panel as
 * users of each theme would.
 */
export interface Theme {
  readonly name: string;
  readonly bodyClass: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';
  readonly variables: Readonly<Record<string, string>>;
}

const common = {
  '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};

export const THEMES: readonly Theme[] = [
  {
    name: 'light',
    bodyClass: 'vscode-light',
    variables: {
      ...common,
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#6b6b6b',
      '--vscode-widget-border': '#e5e5e5',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textLink-activeForeground': '#005fb8',
      '--vscode-editorHoverWidget-background': '#f8f8f8',
      '--vscode-editorHoverWidget-foreground': '#3b3b3b',
      '--vscode-editorHoverWidget-border': '#c8c8c8',
      '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.16)',
      '--vscode-textCodeBlock-background': '#f8f8f8',
      '--vscode-textBlockQuote-background': '#f8f8f8',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-errorForeground': '#f85149',
      '--vscode-settings-dropdownBackground': '#ffffff',
      '--vscode-settings-dropdownForeground': '#3b3b3b',
      '--vscode-settings-dropdownBorder': '#cecece',
      '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-list-activeSelectionForeground': '#000000',
      '--vscode-list-hoverBackground': '#f2f2f2',
    },
  },
  {
    name: 'dark',
    bodyClass: 'vscode-dark',
    variables: {
      ...common,
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-widget-border': '#313131',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textLink-activeForeground': '#4daafc',
      '--vscode-editorHoverWidget-background': '#202020',
      '--vscode-editorHoverWidget-foreground': '#cccccc',
      '--vscode-editorHoverWidget-border': '#454545',
      '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.36)',
      '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-textBlockQuote-background': '#2b2b2b',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-errorForeground': '#f85149',
      '--vscode-settings-dropdownBackground': '#313131',
      '--vscode-settings-dropdownForeground': '#cccccc',
      '--vscode-settings-dropdownBorder': '#3c3c3c',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-list-hoverBackground': '#2a2d2e',
    },
  },
  {
    name: 'high-contrast',
    bodyClass: 'vscode-high-contrast',
    variables: {
      ...common,
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffffb3',
      '--vscode-widget-border': '#6fc3df',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-focusBorder': '#f38518',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-textLink-activeForeground': '#21a6ff',
      '--vscode-editorHoverWidget-background': '#0c141f',
      '--vscode-editorHoverWidget-foreground': '#ffffff',
      '--vscode-editorHoverWidget-border': '#6fc3df',
      '--vscode-textCodeBlock-background': '#000000',
      '--vscode-textBlockQuote-background': '#000000',
      '--vscode-editorWarning-foreground': '#fff000',
      '--vscode-errorForeground': '#f48771',
      '--vscode-settings-dropdownBackground': '#000000',
      '--vscode-settings-dropdownForeground': '#ffffff',
      '--vscode-settings-dropdownBorder': '#6fc3df',
      '--vscode-list-activeSelectionBackground': '#000000',
      '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-list-focusOutline': '#f38518',
    },
  },
];
