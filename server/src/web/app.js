// The implementers' page: platform overview, pack checker, expression tester.
// Plain ES module, no build step; every text shown comes from TEXT or from the API.

/** Labels in both languages, one dictionary. */
const TEXT = {
  en: {
    subtitle: 'Implementer tools',
    'tab.platform': 'Platform',
    'tab.packs': 'Pack checker',
    'tab.expressions': 'Expression tester',
    loading: 'Loading…',
    'platform.lead':
      'The plugins installed on this server and what they contribute. Packs may use these types.',
    'platform.plugins': 'Plugins',
    'platform.fieldTypes': 'Field types',
    'platform.nodeTypes': 'Flow node types',
    'platform.viewTypes': 'View types',
    'platform.functions': 'Expression functions',
    'platform.none': 'None',
    'platform.noFunctions':
      'No plugin adds functions yet. CEL’s standard functions and Tessera’s built-ins are always available.',
    'platform.failed': 'Could not load the platform description:',
    'packs.lead':
      'Paste a pack manifest (or open a .json file) and check it against the installed plugins. Every issue names its place as a JSON pointer.',
    'packs.manifest': 'Pack manifest',
    'packs.example': 'Load example',
    'packs.open': 'Open .json file',
    'packs.clear': 'Clear',
    'packs.placeholder': '{ "schemaVersion": 1, "name": "my-pack", … }',
    'packs.check': 'Check',
    'packs.empty': 'Results appear here. Try “Load example”, check it, then break it.',
    'packs.valid': 'Valid',
    'packs.validDetail': 'The pack can be installed on this server.',
    'packs.issues': (n) => (n === 1 ? '1 issue' : `${n} issues`),
    'packs.refused': 'Not checked',
    'packs.checking': 'Checking…',
    'packs.chars': (n) => `${n.toLocaleString('en')} characters`,
    'packs.summary': (tables, flows, views) =>
      `${tables} table${tables === 1 ? '' : 's'}, ${flows} flow${flows === 1 ? '' : 's'}, ${views} view${views === 1 ? '' : 's'}`,
    'expr.lead':
      'Declare variables with their CEL types, write an expression, and see the type it gives — or where it goes wrong.',
    'expr.variables': 'Variables',
    'expr.name': 'name',
    'expr.type': 'CEL type',
    'expr.remove': 'Remove',
    'expr.add': '+ Add variable',
    'expr.expression': 'Expression',
    'expr.placeholder': 'amount > 100000 && owner != ""',
    'expr.expect': 'Expected type',
    'expr.any': 'any',
    'expr.check': 'Check',
    'expr.ok': 'Type',
    'expr.at': (line, column) => `line ${line}, column ${column}`,
    'error.network': 'The server could not be reached.',
  },
  'zh-CN': {
    subtitle: '实施工具',
    'tab.platform': '平台',
    'tab.packs': '应用包检查',
    'tab.expressions': '表达式测试',
    loading: '加载中…',
    'platform.lead': '本服务器安装的插件及其提供的类型。应用包可以使用这些类型。',
    'platform.plugins': '插件',
    'platform.fieldTypes': '字段类型',
    'platform.nodeTypes': '流程节点类型',
    'platform.viewTypes': '视图类型',
    'platform.functions': '表达式函数',
    'platform.none': '无',
    'platform.noFunctions': '暂无插件提供函数。CEL 标准函数及 Tessera 内置函数始终可用。',
    'platform.failed': '无法加载平台信息：',
    'packs.lead':
      '粘贴应用包清单（或打开 .json 文件），按已安装的插件进行检查。每个问题都以 JSON 指针标明位置。',
    'packs.manifest': '应用包清单',
    'packs.example': '载入示例',
    'packs.open': '打开 .json 文件',
    'packs.clear': '清空',
    'packs.placeholder': '{ "schemaVersion": 1, "name": "my-pack", … }',
    'packs.check': '检查',
    'packs.empty': '检查结果显示在这里。可先“载入示例”并检查，再改坏它试试。',
    'packs.valid': '有效',
    'packs.validDetail': '该应用包可以安装到本服务器。',
    'packs.issues': (n) => `${n} 个问题`,
    'packs.refused': '未能检查',
    'packs.checking': '检查中…',
    'packs.chars': (n) => `${n.toLocaleString('zh-CN')} 个字符`,
    'packs.summary': (tables, flows, views) => `${tables} 张表，${flows} 个流程，${views} 个视图`,
    'expr.lead': '声明变量及其 CEL 类型，输入表达式，查看其结果类型或出错位置。',
    'expr.variables': '变量',
    'expr.name': '变量名',
    'expr.type': 'CEL 类型',
    'expr.remove': '删除',
    'expr.add': '+ 添加变量',
    'expr.expression': '表达式',
    'expr.placeholder': 'amount > 100000 && owner != ""',
    'expr.expect': '期望类型',
    'expr.any': '任意',
    'expr.check': '检查',
    'expr.ok': '类型',
    'expr.at': (line, column) => `第 ${line} 行，第 ${column} 列`,
    'error.network': '无法连接服务器。',
  },
};

const GROUPS = {
  en: {
    basic: 'Basic',
    choice: 'Choice',
    datetime: 'Date & time',
    people: 'People',
    relation: 'Relations',
    advanced: 'Advanced',
    event: 'Events',
    task: 'Tasks',
    gateway: 'Gateways',
    automation: 'Automation',
  },
  'zh-CN': {
    basic: '基础',
    choice: '选择',
    datetime: '日期时间',
    people: '人员组织',
    relation: '关联',
    advanced: '高级',
    event: '事件',
    task: '任务',
    gateway: '网关',
    automation: '自动化',
  },
};

const STORAGE_KEY = 'tessera.locale';
const $ = (id) => document.getElementById(id);

const state = {
  locale: initialLocale(),
  platform: undefined,
  platformError: undefined,
  packResult: undefined,
  exprResult: undefined,
};

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be blocked; fall back to the browser language
  }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function t(key, ...args) {
  const entry = TEXT[state.locale][key] ?? TEXT.en[key] ?? key;
  return typeof entry === 'function' ? entry(...args) : entry;
}

/** The text of a { 'zh-CN', en } label (or a plain string) in the chosen language. */
function pick(text) {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return text[state.locale] ?? text.en ?? text['zh-CN'] ?? '';
}

/** Builds an element; children are nodes or strings (always inserted as text, never HTML). */
function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

async function api(path, body) {
  const url = `${path}${path.includes('?') ? '&' : '?'}locale=${encodeURIComponent(state.locale)}`;
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  const data = await response.json().catch(() => ({}));
  return { status: response.status, data };
}

// ---- language ----------------------------------------------------------------------------

function applyLocale() {
  document.documentElement.lang = state.locale;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === state.locale));
  }
  renderPlatform();
  renderVariables();
  updatePackSize();
  renderPackResult();
  renderExprResult();
}

async function setLocale(locale) {
  state.locale = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered, but still switched
  }
  applyLocale();
  // Messages from the server are in the language of the request: ask again in the new one.
  if (state.packResult?.source !== undefined) await checkPack();
  if (state.exprResult?.ran) await checkExpression();
}

// ---- tabs --------------------------------------------------------------------------------

function showTab() {
  const wanted = location.hash.slice(1);
  const current = ['platform', 'packs', 'expressions'].includes(wanted) ? wanted : 'platform';
  for (const link of document.querySelectorAll('[data-tab]')) {
    if (link.dataset.tab === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== current;
}

// ---- platform ----------------------------------------------------------------------------

async function loadPlatform() {
  try {
    const [platform, health] = await Promise.all([api('/api/platform'), api('/api/health')]);
    if (platform.status !== 200) throw new Error(platform.data?.error?.message ?? platform.status);
    state.platform = platform.data;
    if (health.status === 200) $('version').textContent = `v${health.data.version}`;
  } catch (error) {
    state.platformError = error instanceof TypeError ? t('error.network') : String(error.message);
  }
  renderPlatform();
}

function renderPlatform() {
  const body = $('platform-body');
  if (state.platformError) {
    body.replaceChildren(
      h('div', { class: 'card notice bad' }, t('platform.failed'), ' ', state.platformError),
    );
    return;
  }
  const platform = state.platform;
  if (!platform) return;
  const plugins = h(
    'div',
    { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('platform.plugins'))),
    h(
      'ul',
      { class: 'plugins' },
      platform.plugins.map((plugin) =>
        h('li', {}, h('code', {}, plugin.name), h('span', { class: 'badge' }, plugin.version)),
      ),
    ),
  );
  const groupName = (one) => GROUPS[state.locale][one.group] ?? one.group;
  body.replaceChildren(
    h(
      'div',
      { class: 'column' },
      plugins,
      typeCard(t('platform.viewTypes'), platform.viewTypes, () => undefined),
      functionCard(platform.functions),
    ),
    h(
      'div',
      { class: 'column' },
      typeCard(t('platform.fieldTypes'), platform.fieldTypes, groupName),
    ),
    h('div', { class: 'column' }, typeCard(t('platform.nodeTypes'), platform.nodeTypes, groupName)),
  );
}

/** A card listing types, grouped when `groupOf` gives groups. */
function typeCard(title, types, groupOf) {
  const groups = new Map();
  for (const one of types) {
    const group = groupOf(one) ?? '';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(one);
  }
  return h(
    'div',
    { class: 'card' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', {}, title),
      h('span', { class: 'count' }, types.length),
    ),
    types.length === 0 ? h('p', { class: 'muted' }, t('platform.none')) : null,
    [...groups].map(([group, members]) =>
      h(
        'div',
        { class: 'type-group' },
        group ? h('h3', {}, group) : null,
        h(
          'ul',
          { class: 'types' },
          members.map((one) =>
            h(
              'li',
              { title: [pick(one.description), one.plugin].filter(Boolean).join('\n') },
              h('span', { class: 'type-label' }, pick(one.label)),
              h('code', {}, one.type),
            ),
          ),
        ),
      ),
    ),
  );
}

function functionCard(functions) {
  return h(
    'div',
    { class: 'card' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', {}, t('platform.functions')),
      h('span', { class: 'count' }, functions.length),
    ),
    functions.length === 0
      ? h('p', { class: 'muted small' }, t('platform.noFunctions'))
      : h(
          'ul',
          { class: 'signatures' },
          functions.map((fn) =>
            h(
              'li',
              {},
              h('code', {}, fn.signature),
              h('span', { class: 'muted' }, pick(fn.description)),
            ),
          ),
        ),
  );
}

// ---- pack checker ------------------------------------------------------------------------

function updatePackSize() {
  const length = $('pack-source').value.length;
  $('pack-size').textContent = length > 0 ? t('packs.chars', length) : '';
}

async function loadExample() {
  const response = await fetch('/platform/assets/example-pack.json');
  $('pack-source').value = await response.text();
  updatePackSize();
  await checkPack();
  reveal($('pack-result'));
}

async function openFile(event) {
  const file = event.target.files?.[0];
  if (!file) return;
  $('pack-source').value = await file.text();
  event.target.value = '';
  updatePackSize();
  await checkPack();
  reveal($('pack-result'));
}

async function checkPack() {
  const source = $('pack-source').value;
  const button = $('pack-check');
  button.disabled = true;
  button.textContent = t('packs.checking');
  try {
    const { status, data } = await api('/api/packs/validate', source);
    state.packResult = { source, status, data };
  } catch {
    state.packResult = { source, status: 0, data: { error: { message: t('error.network') } } };
  } finally {
    button.disabled = false;
    button.textContent = t('packs.check');
  }
  renderPackResult();
}

/** On narrow screens results sit below the editor: bring them into view after a check. */
function reveal(element) {
  if (window.matchMedia('(max-width: 860px)').matches) {
    element.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

function renderPackResult() {
  const box = $('pack-result');
  const result = state.packResult;
  if (!result) {
    box.replaceChildren(h('p', { class: 'muted' }, t('packs.empty')));
    return;
  }
  const { status, data } = result;
  if (status !== 200) {
    box.replaceChildren(
      h(
        'div',
        { class: 'verdict bad' },
        h('span', { class: 'mark' }, '!'),
        h(
          'div',
          {},
          h('strong', {}, t('packs.refused')),
          h('p', {}, data?.error?.message ?? String(status)),
        ),
      ),
    );
    return;
  }
  if (data.ok) {
    let summary = '';
    try {
      const pack = JSON.parse(result.source);
      summary = `${pack.name} ${pack.version} · ${t('packs.summary', pack.tables?.length ?? 0, pack.flows?.length ?? 0, pack.views?.length ?? 0)}`;
    } catch {
      // the server accepted it, so this does not happen; the summary is optional anyway
    }
    box.replaceChildren(
      h(
        'div',
        { class: 'verdict good' },
        h('span', { class: 'mark' }, '✓'),
        h(
          'div',
          {},
          h('strong', {}, t('packs.valid')),
          h('p', {}, t('packs.validDetail')),
          summary ? h('p', { class: 'muted' }, summary) : null,
        ),
      ),
    );
    return;
  }
  box.replaceChildren(
    h(
      'div',
      { class: 'verdict bad' },
      h('span', { class: 'mark' }, data.issues.length),
      h('div', {}, h('strong', {}, t('packs.issues', data.issues.length))),
    ),
    h(
      'ol',
      { class: 'issues' },
      data.issues.map((one) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'issue-head' },
            h('code', { class: 'path' }, one.path || '/'),
            h('span', { class: 'code-name' }, one.code),
          ),
          h('p', {}, one.message),
        ),
      ),
    ),
  );
}

// ---- expression tester -------------------------------------------------------------------

const variables = [
  { name: 'amount', type: 'decimal' },
  { name: 'signDate', type: 'timestamp' },
  { name: 'owner', type: 'string' },
];

function renderVariables() {
  $('expr-variables').replaceChildren(
    ...variables.map((variable, index) =>
      h(
        'div',
        { class: 'row' },
        h('input', {
          value: variable.name,
          'aria-label': t('expr.name'),
          placeholder: t('expr.name'),
          autocomplete: 'off',
          spellcheck: 'false',
          oninput: (event) => {
            variable.name = event.target.value;
          },
        }),
        h('input', {
          value: variable.type,
          list: 'cel-types',
          class: 'type-input',
          'aria-label': t('expr.type'),
          placeholder: t('expr.type'),
          autocomplete: 'off',
          spellcheck: 'false',
          oninput: (event) => {
            variable.type = event.target.value;
          },
        }),
        h(
          'button',
          {
            type: 'button',
            class: 'icon',
            title: t('expr.remove'),
            'aria-label': t('expr.remove'),
            onclick: () => {
              variables.splice(index, 1);
              renderVariables();
            },
          },
          '×',
        ),
      ),
    ),
  );
}

async function checkExpression() {
  const declared = {};
  for (const variable of variables) {
    if (variable.name.trim() !== '') declared[variable.name.trim()] = variable.type.trim();
  }
  const expect = $('expr-expect').value.trim();
  const source = $('expr-source').value;
  const body = JSON.stringify({ source, variables: declared, ...(expect ? { expect } : {}) });
  try {
    const { status, data } = await api('/api/expressions/check', body);
    state.exprResult = { ran: true, source, status, data };
  } catch {
    state.exprResult = {
      ran: true,
      source,
      status: 0,
      data: { error: { message: t('error.network') } },
    };
  }
  renderExprResult();
}

function renderExprResult() {
  const box = $('expr-result');
  const result = state.exprResult;
  if (!result) {
    box.replaceChildren();
    return;
  }
  const { status, data, source } = result;
  if (status === 200 && data.ok) {
    box.replaceChildren(
      h(
        'div',
        { class: 'verdict good' },
        h('span', { class: 'mark' }, '✓'),
        h('div', {}, h('strong', {}, t('expr.ok')), ' ', h('code', { class: 'type' }, data.type)),
      ),
    );
    return;
  }
  if (status !== 200) {
    box.replaceChildren(
      h(
        'div',
        { class: 'verdict bad' },
        h('span', { class: 'mark' }, '!'),
        h(
          'div',
          {},
          h('p', {}, data?.error?.message ?? String(status)),
          data?.error?.field ? h('code', { class: 'path' }, data.error.field) : null,
        ),
      ),
    );
    return;
  }
  const { code, message, line, column } = data.error;
  const lineText = source.split('\n')[line - 1] ?? '';
  box.replaceChildren(
    h(
      'div',
      { class: 'verdict bad' },
      h('span', { class: 'mark' }, '!'),
      h(
        'div',
        {},
        h('strong', {}, t('expr.at', line, column)),
        h('span', { class: 'code-name' }, code),
        h('p', {}, message),
      ),
    ),
    h('pre', { class: 'caret' }, `${lineText}\n${' '.repeat(Math.max(0, column - 1))}^`),
  );
}

// ---- start -------------------------------------------------------------------------------

function start() {
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.addEventListener('click', () => setLocale(button.dataset.locale));
  }
  window.addEventListener('hashchange', showTab);
  $('pack-example').addEventListener('click', loadExample);
  $('pack-open').addEventListener('click', () => $('pack-file').click());
  $('pack-file').addEventListener('change', openFile);
  $('pack-clear').addEventListener('click', () => {
    $('pack-source').value = '';
    state.packResult = undefined;
    updatePackSize();
    renderPackResult();
  });
  $('pack-source').addEventListener('input', updatePackSize);
  $('pack-check').addEventListener('click', async () => {
    await checkPack();
    reveal($('pack-result'));
  });
  $('expr-add').addEventListener('click', () => {
    variables.push({ name: '', type: 'string' });
    renderVariables();
    document.querySelector('#expr-variables .row:last-child input')?.focus();
  });
  $('expr-check').addEventListener('click', async () => {
    await checkExpression();
    reveal($('expr-result'));
  });
  $('expr-source').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) checkExpression();
  });
  $('expr-source').value = 'amount > 100000 && owner != ""';
  showTab();
  applyLocale();
  loadPlatform();
}

start();
