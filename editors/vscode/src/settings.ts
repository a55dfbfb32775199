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

export interface XcfgSettings {
  /** `xcfg.path`: the executable to run, as the user wrote it. */
  path: string;
  /** `xcfg.dialect`. */
  dialect: Dialect;
  /** `xcfg.rules`: rule id -> severity override. */
  rules: Record<string, RuleSeverity>;
  /** `xcfg.hostChecks`: ask this host (a dom0) about each disk's use. */
  hostChecks: boolean;
}

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

  return { settings: { path, dialect, rules, hostChecks }, problems };
}

/**
 * What the language server receives, both as `initializationOptions` and as the
 * `settings` of every `workspace/didChangeConfiguration` notification.
 */
export interface ServerSettingsPayload {
  xcfg: { dialect: Dialect; rules: Record<string, RuleSeverity>; hostChecks: boolean };
}

export function serverSettingsPayload(settings: XcfgSettings): ServerSettingsPayload {
  return { xcfg: { dialect: settings.dialect, rules: { ...settings.rules }, hostChecks: settings.hostChecks } };
}
