// The extension's settings (section "xcfg"), read and checked without the VS Code API
// so that the rules are unit-testable. extension.ts passes in a reader over
// vscode.workspace.getConfiguration('xcfg').

export const SECTION = 'xcfg';

export const DIALECTS = ['xl', 'xm'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const RULE_SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

export const DEFAULT_PATH = 'xcfg';
export const DEFAULT_DIALECT: Dialect = 'xl';

/** major.minor, with an optional point release that the server ignores: "4.17", "4.17.7". */
const XEN_VERSION_FORM = /^[0-9]+\.[0-9]+(\.[0-9]+)?$/;

export interface XcfgSettings {
  /** `xcfg.path`: the executable to run, as the user wrote it. */
  path: string;
  /** `xcfg.dialect`. */
  dialect: Dialect;
  /** `xcfg.xenVersion`: the Xen release whose xl reads the configs ("4.17"), or null when unset. */
  xenVersion: string | null;
  /** `xcfg.useProjectConfig`: false to ignore the project's `.xcfg.toml` files. */
  useProjectConfig: boolean;
  /** `xcfg.rules`: rule id -> severity override. */
  rules: Record<string, RuleSeverity>;
  /** `xcfg.hostChecks`: ask this host (a dom0) about each disk's use. */
  hostChecks: boolean;
}

/**
 * The settings the language server reads (the rest, xcfg.path and xcfg.trace.server, are the client's
 * own): a change to any of them is sent to the server.
 */
export const SERVER_SETTING_KEYS = ['dialect', 'xenVersion', 'useProjectConfig', 'rules', 'hostChecks'] as const;

/** Returns the value of one key of the `xcfg` section (e.g. "dialect"), or undefined. */
export type SettingReader = (key: string) => unknown;

export interface SettingsResult {
  settings: XcfgSettings;
  /** One sentence per setting that was ignored, for the user. */
  problems: string[];
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function readSettings(read: SettingReader): SettingsResult {
  const problems: string[] = [];

  const rawPath = read('path');
  let path = DEFAULT_PATH;
  if (typeof rawPath === 'string' && rawPath.trim() !== '') {
    path = rawPath.trim();
  } else if (rawPath !== undefined && rawPath !== null && rawPath !== '') {
    problems.push(`xcfg.path must be a string; using "${DEFAULT_PATH}".`);
  }

  const rawDialect = read('dialect');
  let dialect = DEFAULT_DIALECT;
  if (isOneOf(DIALECTS, rawDialect)) {
    dialect = rawDialect;
  } else if (rawDialect !== undefined && rawDialect !== null) {
    problems.push(`xcfg.dialect ${JSON.stringify(rawDialect)} is not one of ${DIALECTS.join(', ')}; using "${DEFAULT_DIALECT}".`);
  }

  // The form is checked here, so that a number (4.17 written without quotes) is pointed out at once; which
  // releases xcfg knows is the server's to say (it logs a release it does not know and ignores it).
  const rawXenVersion = read('xenVersion');
  let xenVersion: string | null = null;
  if (typeof rawXenVersion === 'string' && XEN_VERSION_FORM.test(rawXenVersion.trim())) {
    xenVersion = rawXenVersion.trim();
  } else if (rawXenVersion !== undefined && rawXenVersion !== null && rawXenVersion !== '') {
    problems.push(
      `xcfg.xenVersion ${JSON.stringify(rawXenVersion)} is not a Xen release written as a string such as "4.17"; ignoring it.`,
    );
  }

  const rawUseProjectConfig = read('useProjectConfig');
  let useProjectConfig = true;
  if (typeof rawUseProjectConfig === 'boolean') {
    useProjectConfig = rawUseProjectConfig;
  } else if (rawUseProjectConfig !== undefined && rawUseProjectConfig !== null) {
    problems.push(`xcfg.useProjectConfig ${JSON.stringify(rawUseProjectConfig)} is not true or false; using true.`);
  }

  const rawRules = read('rules');
  const rules: Record<string, RuleSeverity> = {};
  if (rawRules !== undefined && rawRules !== null) {
    if (typeof rawRules !== 'object' || Array.isArray(rawRules)) {
      problems.push('xcfg.rules must be an object mapping rule ids to severities; ignoring it.');
    } else {
      for (const [id, severity] of Object.entries(rawRules as Record<string, unknown>)) {
        if (id.trim() === '') {
          problems.push('xcfg.rules has an empty rule id; ignoring it.');
        } else if (isOneOf(RULE_SEVERITIES, severity)) {
          rules[id] = severity;
        } else {
          problems.push(
            `xcfg.rules: ${JSON.stringify(severity)} for ${id} is not one of ${RULE_SEVERITIES.join(', ')}; ignoring it.`,
          );
        }
      }
    }
  }

  const rawHostChecks = read('hostChecks');
  let hostChecks = false;
  if (typeof rawHostChecks === 'boolean') {
    hostChecks = rawHostChecks;
  } else if (rawHostChecks !== undefined && rawHostChecks !== null) {
    problems.push('xcfg.hostChecks must be true or false; using false.');
  }

  return { settings: { path, dialect, xenVersion, useProjectConfig, rules, hostChecks }, problems };
}

/** The levels of `xcfg.path` that a user can set (what `WorkspaceConfiguration.inspect` reports). */
export interface PathInspection {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * True when the user set `xcfg.path` at a level that applies: then it is used alone, ahead of the
 * server bundled with the extension. A blank value counts as unset, as readSettings treats it. In an
 * untrusted workspace the workspace levels are ignored (the setting is restricted; see package.json).
 */
export function pathIsSet(inspection: PathInspection | undefined, workspaceTrusted: boolean): boolean {
  if (inspection === undefined) return false;
  const levels = workspaceTrusted
    ? [inspection.globalValue, inspection.workspaceValue, inspection.workspaceFolderValue]
    : [inspection.globalValue];
  return levels.some((value) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''));
}

/**
 * What the language server receives, both as `initializationOptions` and as the
 * `settings` of every `workspace/didChangeConfiguration` notification.
 */
export interface ServerSettingsPayload {
  xcfg: {
    dialect: Dialect;
    /** null: unset (the project's xen-version, else the newest release the server knows). */
    xenVersion: string | null;
    useProjectConfig: boolean;
    rules: Record<string, RuleSeverity>;
    /** Ask this host (a dom0) about each disk's use. */
    hostChecks: boolean;
  };
}

export function serverSettingsPayload(settings: XcfgSettings): ServerSettingsPayload {
  return {
    xcfg: {
      dialect: settings.dialect,
      xenVersion: settings.xenVersion,
      useProjectConfig: settings.useProjectConfig,
      rules: { ...settings.rules },
      hostChecks: settings.hostChecks,
    },
  };
}

/** True when a configuration change touches a setting the server reads (see SERVER_SETTING_KEYS). */
export function affectsServerSettings(affects: (section: string) => boolean): boolean {
  return SERVER_SETTING_KEYS.some((key) => affects(`${SECTION}.${key}`));
}
