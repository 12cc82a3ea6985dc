// 截止期限一览 — Cockpit dashboard plugin (Camunda 7.24 frontend plugin API, loaded by ../config.js).
// Lists every open task that has a due date, across process instances, most urgent first: overdue
// (most overdue first), then soonest due. Data comes from the engine REST API under the user's own
// Cockpit session, so authorizations and tenants apply: each manager sees only the tasks they may read.
// Plain JS, no build step. Everything the user sees is Simplified Chinese.

const TZ = 'Asia/Shanghai'; // deadlines are days in Beijing
const MAX_ROWS = 500; // more than a year's open deadline work of all 36 units
const SOON_DAYS = 7; // "due soon", as the Tasklist filter 即将到期

// Department names for users who may not read the group itself (group READ is granted to its
// members only). Same ids and names as organization/departments.csv; the group query wins.
const DEPARTMENTS = {
  provincialFinance: '省级财政部门',
  localFinancialRegulator: '地方金融监管部门',
  scienceTech: '科技部门',
  industryIt: '工业和信息化部门',
  pbocBranch: '人民银行分支机构',
  cbircOffice: '银保监部门',
  cityFinance: '市财政部门',
  reviewPanel: '评审专家组',
  mofLocalBureau: '财政部当地监管局',
  mof: '财政部'
};

export default [
  {
    id: 'pilotcity-deadlines',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node, { api }) => {
      const refresh = () => {
        node.replaceChildren(el('p', { class: 'text-muted' }, '正在加载截止期限…'));
        load(api)
          .then((data) => show(node, data, refresh))
          .catch((error) => {
            node.replaceChildren(
              heading(refresh),
              el('div', { class: 'alert alert-danger' }, '无法加载截止期限：' + error.message)
            );
          });
      };
      refresh();
    }
  }
];

// ---- data -------------------------------------------------------------------------------------

async function load(api) {
  const engine = api.engineApi; // e.g. /camunda/api/engine/engine/default
  const withDue = 'dueAfter=' + encodeURIComponent('1970-01-02T00:00:00.000+0000'); // only tasks with a due date
  const [tasks, count] = await Promise.all([
    get(`${engine}/task?${withDue}&sortBy=dueDate&sortOrder=asc&maxResults=${MAX_ROWS}`),
    get(`${engine}/task/count?${withDue}`)
  ]);

  const instances = unique(tasks.map((t) => t.processInstanceId).filter(Boolean));
  const [links, cities, years, levels, units] = await Promise.all([
    // responsible department: the task's candidate groups (one request per task, six at a time)
    mapLimit(tasks, 6, (t) => get(`${engine}/task/${t.id}/identity-links`).catch(() => [])),
    instanceVariable(api, instances, 'cityName'),
    instanceVariable(api, instances, 'programYear'),
    instanceVariable(api, instances, 'fundingLevel'),
    get(`${engine}/tenant?maxResults=1000`).then((list) => byId(list))
  ]);
  const groupIds = unique(links.flat().filter((l) => l.groupId && l.type === 'candidate').map((l) => l.groupId));
  const userIds = unique(tasks.map((t) => t.assignee).filter(Boolean));
  const [groups, users] = await Promise.all([
    groupIds.length ? get(`${engine}/group?idIn=${groupIds.map(encodeURIComponent).join(',')}`).then(byId) : {},
    userIds.length ? get(`${engine}/user?idIn=${userIds.map(encodeURIComponent).join(',')}`).then(byId) : {}
  ]);

  const now = Date.now();
  const rows = tasks.map((t, i) => {
    const due = parseDate(t.due);
    const candidates = links[i].filter((l) => l.groupId && l.type === 'candidate').map((l) => l.groupId);
    return {
      unitId: t.tenantId || '',
      unit: t.tenantId ? (units[t.tenantId] ? units[t.tenantId].name : t.tenantId) : '—',
      city: cities[t.processInstanceId] || '—',
      year: yearText(years[t.processInstanceId], levels[t.processInstanceId]),
      step: t.name || t.taskDefinitionKey,
      department: candidates.length
        ? candidates.map((g) => groupName(g, groups)).join('、')
        : t.assignee ? '指定人员：' + userName(t.assignee, users) : '—',
      due,
      overdue: due.getTime() < now,
      days: dayDiff(new Date(now), due),
      instance: t.processInstanceId
    };
  });
  // already sorted by due date (ascending) = overdue longest first, then soonest due; keep it stable
  rows.sort((a, b) => a.due - b.due);
  return { rows, total: count.count };
}

// one process variable (e.g. cityName) of each instance that has it: { instanceId: value }
async function instanceVariable(api, ids, name) {
  const values = {};
  for (let i = 0; i < ids.length; i += 200) {
    const vars = await post(api, `${api.engineApi}/variable-instance?deserializeValues=false`, {
      processInstanceIdIn: ids.slice(i, i + 200),
      variableName: name
    });
    vars.forEach((v) => { if (v.value != null && v.value !== '') values[v.processInstanceId] = v.value; });
  }
  return values;
}

// "2027（中央）": program year and funding level of the instance, where known
function yearText(year, level) {
  if (!year) return '—';
  const kind = { CENTRAL: '中央', PROVINCIAL: '省级' }[level];
  return kind ? `${year}（${kind}）` : String(year);
}

function groupName(id, groups) {
  if (groups[id] && groups[id].name) return groups[id].name;
  if (DEPARTMENTS[id]) return DEPARTMENTS[id];
  return /^city\d+$/.test(id) ? DEPARTMENTS.cityFinance : id; // a city's own group, e.g. city210100
}

function userName(id, users) {
  const u = users[id];
  return u && (u.lastName || u.firstName) ? `${u.lastName || ''}${u.firstName || ''}` : id;
}

// ---- view -------------------------------------------------------------------------------------

function show(node, { rows, total }, refresh) {
  const overdue = rows.filter((r) => r.overdue).length;
  const soon = rows.filter((r) => !r.overdue && r.days <= SOON_DAYS).length;
  const summary = rows.length
    ? `共 ${total} 项有截止期限的待办：已逾期 ${overdue} 项，${SOON_DAYS} 天内到期 ${soon} 项。` +
      (total > rows.length ? `仅显示最紧急的 ${rows.length} 项。` : '')
    : '您可查看的单位目前没有有截止期限的待办。';

  const body = el('tbody', {}, ...rows.map(row));
  const table = el('table', { class: 'table table-condensed cam-table' },
    el('thead', {}, el('tr', {}, ...['单位', '城市', '年度', '环节', '责任部门', '截止时间（北京时间）', '剩余 / 逾期']
      .map((h) => el('th', {}, h)))),
    body);

  // a manager who sees several units can narrow the list to one (units in division-code order)
  const unitNames = unique([...rows].sort((a, b) => a.unitId.localeCompare(b.unitId)).map((r) => r.unit));
  const select = el('select', { class: 'form-control input-sm', style: 'width: auto; display: inline-block;' },
    el('option', { value: '' }, `全部单位（${unitNames.length}）`),
    ...unitNames.map((u) => el('option', { value: u }, u)));
  select.addEventListener('change', () =>
    body.replaceChildren(...rows.filter((r) => !select.value || r.unit === select.value).map(row)));

  node.replaceChildren(
    heading(refresh),
    el('p', { class: overdue ? 'text-danger' : '' }, summary),
    unitNames.length > 1 ? el('p', {}, '单位：', select) : '',
    rows.length ? el('div', { style: 'max-height: 480px; overflow-y: auto;' }, table) : ''
  );
}

function row(r) {
  const status = r.overdue
    ? (r.days < 0 ? `已逾期 ${-r.days} 天` : '今日已逾期')
    : (r.days === 0 ? '今天到期' : `剩余 ${r.days} 天`);
  const link = r.instance // a task outside any process has no instance to link to
    ? el('a', { href: `#/process-instance/${r.instance}/runtime`, title: '查看流程实例' }, r.step)
    : r.step;
  return el('tr', { class: r.overdue ? 'danger' : (r.days <= SOON_DAYS ? 'warning' : '') },
    el('td', {}, r.unit),
    el('td', {}, r.city),
    el('td', {}, r.year),
    el('td', {}, link),
    el('td', {}, r.department),
    el('td', {}, formatDate(r.due)),
    el('td', { style: r.overdue ? 'color: #c9302c; font-weight: bold;' : '' }, status));
}

function heading(refresh) {
  const button = el('button', { class: 'btn btn-default btn-sm pull-right', type: 'button' }, '刷新');
  button.addEventListener('click', refresh);
  return el('h3', { class: 'section-title' }, '截止期限一览（逾期在前）', button);
}

// ---- helpers ----------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => { if (v != null && v !== false) e.setAttribute(k, v); });
  children.forEach((c) => e.append(c)); // strings become text nodes: no HTML injection
  return e;
}

async function get(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(httpError(res.status));
  return res.json();
}

async function post(api, url, body) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-XSRF-TOKEN': csrfToken() || api.CSRFToken // the cookie may have been renewed at login
    },
    body: JSON.stringify(body)
  });
  if (!res.ok) throw new Error(httpError(res.status));
  return res.json();
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

function httpError(status) {
  if (status === 401) return '登录已过期，请重新登录';
  if (status === 403) return '没有权限';
  return `服务器返回错误 ${status}`;
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const unique = (xs) => [...new Set(xs)];
const byId = (list) => Object.fromEntries(list.map((x) => [x.id, x]));

// the REST API writes "2027-01-31T15:59:59.000+0000"; Date wants "+00:00"
const parseDate = (s) => new Date(s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));

// calendar days from today to the due day, both in Beijing: 0 = due today, -3 = three days overdue
function dayDiff(from, to) {
  const day = (d) => Date.parse(new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(d)); // YYYY-MM-DD
  return Math.round((day(to) - day(from)) / 86400000);
}

function formatDate(d) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
