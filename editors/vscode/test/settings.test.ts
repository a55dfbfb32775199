import assert from 'node:assert/strict';
import { test } from 'node:test';
import { affectsServerSettings, pathIsSet, readSettings, serverSettingsPayload } from '../src/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults: path xcfg, dialect xl, no Xen release, the project configuration used, no rule overrides', () => {
  const { settings, problems } = readSettings(reader({}));
  assert.deepEqual(settings, { path: 'xcfg', dialect: 'xl', xenVersion: null, useProjectConfig: true, rules: {}, hostChecks: false });
  assert.deepEqual(problems, []);
});

test('valid values are taken as they are (path trimmed)', () => {
  const { settings, problems } = readSettings(
    reader({
      path: '  /opt/xcfg/xcfg ',
      dialect: 'xm',
      xenVersion: ' 4.17 ',
      useProjectConfig: false,
      rules: { XCFG0101: 'off', XCFG0203: 'hint' },
    }),
  );
  assert.deepEqual(settings, {
    path: '/opt/xcfg/xcfg',
    dialect: 'xm',
    xenVersion: '4.17',
    useProjectConfig: false,
    rules: { XCFG0101: 'off', XCFG0203: 'hint' },
    hostChecks: false,
  });
  assert.deepEqual(problems, []);
});

test('an empty path falls back to the default without a complaint', () => {
  assert.equal(readSettings(reader({ path: '   ' })).settings.path, 'xcfg');
  assert.deepEqual(readSettings(reader({ path: '' })).problems, []);
});

test('a path that is not a string is reported and replaced by the default', () => {
  const { settings, problems } = readSettings(reader({ path: 42 }));
  assert.equal(settings.path, 'xcfg');
  assert.equal(problems.length, 1);
  assert.match(problems[0], /xcfg\.path/);
});

test('an unknown dialect is reported and replaced by xl', () => {
  const { settings, problems } = readSettings(reader({ dialect: 'XL' }));
  assert.equal(settings.dialect, 'xl');
  assert.deepEqual(problems, ['xcfg.dialect "XL" is not one of xl, xm; using "xl".']);
});

test('rule entries with an unknown severity are dropped, the others kept', () => {
  const { settings, problems } = readSettings(
    reader({ rules: { XCFG0001: 'warn', XCFG0002: 'error', XCFG0003: 2, '': 'off' } }),
  );
  assert.deepEqual(settings.rules, { XCFG0002: 'error' });
  assert.equal(problems.length, 3);
  assert.match(problems[0], /"warn" for XCFG0001 is not one of error, warning, info, hint, off/);
  assert.match(problems[1], /2 for XCFG0003/);
  assert.match(problems[2], /empty rule id/);
});

test('rules that are not an object are ignored with a problem', () => {
  for (const rules of [['XCFG0001'], 'off', 3]) {
    const { settings, problems } = readSettings(reader({ rules }));
    assert.deepEqual(settings.rules, {}, JSON.stringify(rules));
    assert.equal(problems.length, 1, JSON.stringify(rules));
  }
});

test('a Xen release that is not a major.minor string is reported and left unset; an empty one is simply unset', () => {
  for (const [value, shown] of [[4.17, '4.17'], ['4', '"4"'], ['4.17-rc1', '"4.17-rc1"'], [true, 'true']] as const) {
    const { settings, problems } = readSettings(reader({ xenVersion: value }));
    assert.equal(settings.xenVersion, null, shown);
    assert.deepEqual(problems, [`xcfg.xenVersion ${shown} is not a Xen release written as a string such as "4.17"; ignoring it.`]);
  }
  assert.deepEqual(readSettings(reader({ xenVersion: '' })), readSettings(reader({})));
  assert.equal(readSettings(reader({ xenVersion: '4.17.7' })).settings.xenVersion, '4.17.7', 'the server ignores the point release');
  // Which releases are known is the server's to say: it logs 4.99 and ignores it.
  assert.equal(readSettings(reader({ xenVersion: '4.99' })).settings.xenVersion, '4.99');
});

test('useProjectConfig that is not a boolean is reported and stays true', () => {
  const { settings, problems } = readSettings(reader({ useProjectConfig: 'false' }));
  assert.equal(settings.useProjectConfig, true);
  assert.deepEqual(problems, ['xcfg.useProjectConfig "false" is not true or false; using true.']);
});

test('the server gets exactly { xcfg: { dialect, xenVersion, useProjectConfig, rules, hostChecks } }', () => {
  const { settings } = readSettings(
    reader({ path: '/x/xcfg', dialect: 'xm', xenVersion: '4.20', useProjectConfig: false, rules: { XCFG0101: 'off' } }),
  );
  assert.deepEqual(serverSettingsPayload(settings), {
    xcfg: { dialect: 'xm', xenVersion: '4.20', useProjectConfig: false, rules: { XCFG0101: 'off' }, hostChecks: false },
  });
  // Unset, the release goes as null: the server then takes the project's xen-version, else its newest.
  assert.deepEqual(serverSettingsPayload(readSettings(reader({})).settings), {
    xcfg: { dialect: 'xl', xenVersion: null, useProjectConfig: true, rules: {}, hostChecks: false },
  });
});

test('a change of any setting the server reads is sent to it; xcfg.path and the trace are the client\'s', () => {
  const changed = (...sections: string[]) => affectsServerSettings((section) => sections.includes(section));
  for (const key of ['dialect', 'xenVersion', 'useProjectConfig', 'rules', 'hostChecks']) {
    assert.equal(changed(`xcfg.${key}`), true, key);
  }
  assert.equal(changed('xcfg.path'), false);
  assert.equal(changed('xcfg.trace.server'), false);
  assert.equal(changed('editor.fontSize'), false);
});

test('the payload does not share the rules object with the settings', () => {
  const { settings } = readSettings(reader({ rules: { XCFG0101: 'off' } }));
  const payload = serverSettingsPayload(settings);
  payload.xcfg.rules.XCFG0999 = 'error';
  assert.deepEqual(settings.rules, { XCFG0101: 'off' });
});

test('hostChecks is off unless set to true, and reaches the server', () => {
  assert.equal(readSettings(reader({ hostChecks: true })).settings.hostChecks, true);
  assert.equal(serverSettingsPayload(readSettings(reader({ hostChecks: true })).settings).xcfg.hostChecks, true);
  const wrong = readSettings(reader({ hostChecks: 'yes' }));
  assert.equal(wrong.settings.hostChecks, false);
  assert.deepEqual(wrong.problems, ['xcfg.hostChecks must be true or false; using false.']);
});

test('xcfg.path counts as set at the user level, and at workspace levels only in a trusted workspace', () => {
  assert.equal(pathIsSet(undefined, true), false);
  assert.equal(pathIsSet({}, true), false, 'only the default: not set');
  assert.equal(pathIsSet({ globalValue: '/opt/xcfg' }, false), true);
  assert.equal(pathIsSet({ workspaceValue: './bin/xcfg' }, true), true);
  assert.equal(pathIsSet({ workspaceFolderValue: './bin/xcfg' }, true), true);
  assert.equal(pathIsSet({ workspaceValue: './bin/xcfg', workspaceFolderValue: 'x' }, false), false, 'untrusted: ignored');
  assert.equal(pathIsSet({ globalValue: '  ' }, true), false, 'blank: the same as unset');
  assert.equal(pathIsSet({ globalValue: null }, true), false);
  assert.equal(pathIsSet({ globalValue: 42 }, true), true, 'set, if wrongly: readSettings reports it');
});
