// End-to-end test of Tasklist in headless Chromium (playwright-core, Debian's /usr/bin/chromium).
//
// A city's finance bureau (lnShenyang, 沈阳, unit 辽宁省 210000) logs in, starts 试点城市申报 from the
// "Start process" dialog, is refused for a year without a running selection (the server's Chinese
// reason is shown in the dialog), corrects the year and starts; then it fills the plan task 编制试点方案
// (every visible numbered baseline_n / target_n field) and completes it. The province (lnFinance) then
// finds 受理试点方案 in 本部门待办; another unit's provincial finance (sxFinance) finds nothing there.
//
// Needs a running application whose unit 210000 has a running selection for the year (the JUnit test
// org.pilotcity.web.TasklistBrowserTest prepares one and runs this script).
//
// Environment:
//   E2E_BASE_URL     the application, e.g. http://127.0.0.1:8080 (required)
//   E2E_SCREENSHOTS  folder for the step screenshots (default target/e2e-screenshots); old *.png removed
//   E2E_PROGRAM_YEAR the year with a running selection (default 2027)
//   E2E_BAD_YEAR     a year without one, refused by the server (default 2025)
//   E2E_CITY_USER, E2E_PROVINCE_USER, E2E_OTHER_USER, E2E_PASSWORD  (lnShenyang, lnFinance, sxFinance, demo)
//   E2E_CITY_NAME    the city of E2E_CITY_USER as the forms show it (default 沈阳)
//   CHROMIUM         the browser (default /usr/bin/chromium)
// Exit code 0 when every step passed; 1 otherwise (with a failure-*.png of the page where it broke).
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.E2E_BASE_URL || '').replace(/\/+$/, '');
if (!BASE) {
  console.error('E2E_BASE_URL is not set (e.g. http://127.0.0.1:8080)');
  process.exit(2);
}
const SHOTS = resolve(process.env.E2E_SCREENSHOTS || 'target/e2e-screenshots');
const YEAR = process.env.E2E_PROGRAM_YEAR || '2027';
const BAD_YEAR = process.env.E2E_BAD_YEAR || '2025';
const PASSWORD = process.env.E2E_PASSWORD || 'demo';
const CITY_USER = process.env.E2E_CITY_USER || 'lnShenyang';
const CITY_NAME = process.env.E2E_CITY_NAME || '沈阳';
const PROVINCE_USER = process.env.E2E_PROVINCE_USER || 'lnFinance';
const OTHER_USER = process.env.E2E_OTHER_USER || 'sxFinance';
const TASKLIST = `${BASE}/camunda/app/tasklist/default/`;
const OVERALL_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_MS = 30_000;

const PROCESS_NAME = '试点城市申报';
const PLAN_TASK = '编制试点方案';
const ACCEPT_TASK = '受理试点方案';
const DEPARTMENT_FILTER = '本部门待办';

mkdirSync(SHOTS, { recursive: true });
for (const old of readdirSync(SHOTS)) {
  if (old.endsWith('.png')) rmSync(join(SHOTS, old));
}

// The deployed forms are the files in forms/: field ids come from there, so a reworded label or a
// re-arranged form does not break the test as long as the keys stay.
const formsDir = new URL('../../forms/', import.meta.url);
function fieldIds(formName) {
  const ids = new Map();
  const walk = (components) => {
    for (const c of components || []) {
      if (c.key && c.id) ids.set(c.key, c.id);
      walk(c.components);
    }
  };
  walk(JSON.parse(readFileSync(new URL(`${formName}.form`, formsDir), 'utf8')).components);
  return ids;
}
const registerIds = fieldIds('registerCityApplication');
const planIds = fieldIds('writePilotPlan');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[${elapsed()}] ${msg}`);
let shotNo = 0;
let step = 'launch';

const pages = [];
/** A failure-<n>.png of every open page, each given a few seconds at most. */
async function failureScreenshots() {
  await Promise.all(pages.map((page, i) => Promise.race([
    page.screenshot({ path: join(SHOTS, `failure-${i + 1}.png`) }).catch(() => {}),
    new Promise((done) => setTimeout(done, 5000)),
  ])));
}

const watchdog = setTimeout(async () => {
  console.error(`FAILED: overall timeout of ${OVERALL_TIMEOUT_MS / 1000}s exceeded during step "${step}"`);
  await failureScreenshots();
  process.exit(1); // Playwright closes the browser on exit
}, OVERALL_TIMEOUT_MS);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function newSession(user) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`  page error (${user}): ${e.message}`));
  pages.push(page);
  return page;
}

async function shot(page, name, clip) {
  shotNo += 1;
  const file = join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, clip });
  log(`  screenshot ${file}`);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Logs in on Tasklist's own login page and waits for the filters. */
async function login(page, user) {
  await page.goto(`${TASKLIST}#/login`);
  const username = page.locator('input[ng-model="username"]');
  const password = page.locator('input[ng-model="password"]');
  await username.waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  // the AngularJS view can re-render while it boots: fill until the values stick
  for (let attempt = 0; attempt < 5; attempt++) {
    await username.fill(user);
    await password.fill(PASSWORD);
    if ((await username.inputValue()) === user && (await password.inputValue()) === PASSWORD) break;
    await page.waitForTimeout(200);
  }
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.hash.includes('login'));
  await filterLink(page, DEPARTMENT_FILTER).waitFor({ state: 'visible' });
  log(`  logged in as ${user}`);
}

function filterLink(page, name) {
  return page.locator('.task-filter h4.name a').filter({ hasText: name }).first();
}

/**
 * Selects a saved filter and waits until Tasklist has fetched and rendered its list (tasks or the
 * empty message). Returns the number of tasks the server answered.
 */
async function openFilter(page, name) {
  // the filter's id, read with the session's cookie, tells its list request from the default filter's
  const filters = await page.request.get(`${BASE}/camunda/api/engine/engine/default/filter?resourceType=Task`);
  check(filters.ok(), `reading the filters: HTTP ${filters.status()}`);
  const filter = (await filters.json()).find((f) => f.name === name);
  check(filter, `no filter named ${name}`);
  const listed = page.waitForResponse((r) => r.url().includes(`/filter/${filter.id}/list`)
    && r.request().method() === 'POST');
  await filterLink(page, name).click();
  const response = await listed;
  check(response.ok(), `filter ${name}: HTTP ${response.status()}`);
  const body = await response.json();
  const count = typeof body.count === 'number' ? body.count : ((body._embedded || {}).task || []).length;
  await page.locator('.task-filter.active').filter({ hasText: name }).waitFor({ state: 'visible' });
  await page.locator('[cam-tasks] > .loader').waitFor({ state: 'hidden' });
  if (count === 0) {
    await page.locator('[cam-tasks] .well').waitFor({ state: 'visible' });
  } else {
    await page.locator('[cam-tasks] .tasks-list li.task').first().waitFor({ state: 'visible' });
  }
  log(`  filter ${name}: ${count} task(s)`);
  return count;
}

function taskInList(page, taskName) {
  return page.locator('.tasks-list li.task').filter({ has: page.locator('h4.task a', { hasText: taskName }) });
}

/** Opens a form-js select and picks the option whose label contains the text. */
async function choose(scope, fieldId, optionText) {
  await scope.locator(`[id$="-${fieldId}-display"]`).click();
  await scope.locator('.fjs-dropdownlist-item', { hasText: optionText }).first().click();
  await scope.locator(`[id$="-${fieldId}-display"]`, { hasText: optionText }).waitFor();
}

function field(scope, ids, key) {
  const id = ids.get(key);
  check(id, `form has no field with key ${key}`);
  return scope.locator(`[id$="-${id}"]`);
}

/** All visible input values and texts of a region: read-only form fields show their value in inputs. */
async function visibleText(locator) {
  return locator.evaluate((el) => {
    const values = [...el.querySelectorAll('input, textarea')].map((i) => i.value);
    return `${el.innerText}\n${values.join('\n')}`;
  });
}

try {
  // 1. The city logs in and opens the start dialog
  step = `log in as ${CITY_USER}`;
  log(step);
  const city = await newSession(CITY_USER);
  await login(city, CITY_USER);
  await shot(city, 'city-tasklist');

  step = 'open the start-process dialog';
  log(step);
  await city.locator('a:has(.glyphicon-list-alt)').first().click();
  const dialog = city.locator('.modal-dialog');
  const processLink = dialog.locator('ul.processes a', { hasText: PROCESS_NAME });
  await processLink.waitFor({ state: 'visible' });
  await shot(city, 'start-dialog');
  await processLink.click();
  const startForm = dialog.locator('.fjs-form');
  const yearInput = field(startForm, registerIds, 'programYear');
  await yearInput.waitFor({ state: 'visible' });

  // 2. A year without a running selection: the server refuses, Tasklist shows the Chinese reason
  step = `start form with the refused year ${BAD_YEAR}`;
  log(step);
  await yearInput.fill(BAD_YEAR);
  await choose(startForm, registerIds.get('fundingLevel'), '省级试点');
  await choose(startForm, registerIds.get('applicantType'), '地级市');
  await shot(city, 'start-form-bad-year');
  const startButton = dialog.locator('button[ng-click="startProcessInstance()"]');
  await startButton.click();
  const refusal = dialog.locator('.notifications .alert-danger').first();
  await refusal.waitFor({ state: 'visible' });
  const refusalText = (await refusal.innerText()).replace(/\s+/g, ' ').trim();
  log(`  refused: ${refusalText}`);
  check(refusalText.includes(BAD_YEAR) && /遴选未在进行中|不能申报/.test(refusalText),
    `expected the Chinese refusal for ${BAD_YEAR} (no running selection), got: ${refusalText}`);
  await shot(city, 'start-refused-chinese-reason');

  // 3. The right year: the application starts and the plan task is the city's
  step = `start form with ${YEAR}`;
  log(step);
  await yearInput.fill(YEAR);
  check((await yearInput.inputValue()) === YEAR, 'year did not take');
  await startButton.click();
  await dialog.waitFor({ state: 'detached' });
  const planTask = taskInList(city, PLAN_TASK);
  await planTask.first().waitFor({ state: 'visible' });
  check((await planTask.count()) === 1, `expected one ${PLAN_TASK} in the list, found ${await planTask.count()}`);
  await shot(city, 'application-started');

  // 4. The plan: texts and every visible numbered indicator field
  step = `fill ${PLAN_TASK}`;
  log(step);
  await planTask.locator('h4.task a').click();
  const taskView = city.locator('[cam-tasklist-task], .task-details').first();
  const planForm = taskView.locator('.fjs-form');
  const firstBaseline = field(planForm, planIds, 'baseline_1');
  await firstBaseline.waitFor({ state: 'visible' });
  await field(planForm, planIds, 'implementationPlan')
    .fill('设立市级风险补偿资金池，扩大首贷、信用贷款和中长期贷款；完善政府性融资担保体系。');
  await field(planForm, planIds, 'detailedTasks')
    .fill('一、设立风险补偿资金池\n二、市融资担保集团增资\n三、建设企业信用信息平台');
  await field(planForm, planIds, 'plannedAwardUse').fill('风险补偿2000万元，政府性融资担保机构资本补充1000万元');
  await field(planForm, planIds, 'planSummary').fill('风险补偿与担保增信并举，三年内小微企业贷款增量翻番');
  await shot(city, 'plan-form');

  // Every visible numbered field (hidden ones belong to indicators the catalogue does not have).
  // The first pair is typed like a user. The others get what typing and tabbing through them sends
  // (input, focus, blur), all at once: form-js 1.8.7 re-renders the whole form, every FEEL condition
  // and templated label, after each field's debounced change (0.5–3 s a render on a busy 2-CPU
  // machine), and a field sends its change once more after that render; a blur flushes a pending
  // change at once, so blurring all fields together takes two renders instead of 72.
  const value = (kind, n) => String(kind === 'baseline' ? 40 + Number(n) : 50 + Number(n));
  const numbered = [...planIds.keys()]
    .map((key) => /^(baseline|target)_(\d+)$/.exec(key))
    .filter(Boolean)
    .sort((a, b) => Number(a[2]) - Number(b[2]) || a[1].localeCompare(b[1]));
  const shown = await planForm.evaluate((form, ids) => ids.filter((id) => {
    const input = form.querySelector(`[id$="-${id}"]`);
    return input && input.offsetParent !== null && !input.disabled && !input.readOnly;
  }), numbered.map(([key]) => planIds.get(key)));
  const visible = numbered.filter(([key]) => shown.includes(planIds.get(key)))
    .map(([key, kind, n]) => ({ key, kind, n, id: planIds.get(key), value: value(kind, n) }));
  const baselines = visible.filter((f) => f.kind === 'baseline').length;
  const targets = visible.length - baselines;
  check(baselines > 0 && baselines === targets, `baseline/target fields do not pair up: ${baselines}/${targets}`);
  const [typed, batched] = [visible.slice(0, 2), visible.slice(2)];
  for (const f of typed) {
    await field(planForm, planIds, f.key).fill(f.value);
  }
  await planForm.evaluate(async (form, fields) => {
    const inputs = fields.map((f) => [form.querySelector(`[id$="-${f.id}"]`), f.value]);
    const rendered = () => new Promise((done) => setTimeout(done, 0));
    const tabThrough = () => inputs.forEach(([input]) => { input.focus(); input.blur(); });
    for (const [input, text] of inputs) {
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
    await rendered(); // each field takes its text
    tabThrough(); // the form takes every value: one render
    await rendered();
    tabThrough(); // the fields' repeated changes after that render: one more
    await rendered();
  }, batched);
  log(`  filled ${baselines} baseline and ${targets} target fields (${typed.length} typed)`);

  // Tasklist's own "Save" stores what the form would submit (localStorage camunda-form:<taskId>).
  // Once the page is idle (every change rendered), save and check that it holds every value.
  const taskId = new URL(city.url()).hash.match(/task=([^&]+)/)[1];
  const save = taskView.locator('button[ng-click="save($event)"]');
  const idle = () => city.evaluate(() => new Promise((done) => requestIdleCallback(() => done(), { timeout: 20000 })));
  let missing = visible.map((f) => f.key);
  for (let attempt = 0; missing.length && attempt < 30; attempt++) {
    await idle();
    if (attempt) await city.waitForTimeout(500); // longer than form-js's debounce of a change
    if (!(await save.isEnabled())) continue;
    await save.click();
    const saved = JSON.parse(await city.evaluate((key) => localStorage.getItem(key) || '{}', `camunda-form:${taskId}`));
    missing = visible.filter((f) => String(saved[f.key]) !== f.value).map((f) => f.key);
    if (missing.length) log(`  the form has not taken ${missing.length} value(s) yet`);
  }
  check(missing.length === 0, `the form did not take the values of ${missing.join(', ')}`);
  log('  the form holds every value (Tasklist "Save")');

  // the README's picture (docs/screenshots/tasklist-plan-form.png): the task and its filled form,
  // in a taller window
  await city.setViewportSize({ width: 1400, height: 1900 });
  await planForm.evaluate((form) => { // the task pane from its top
    for (let el = form.parentElement; el; el = el.parentElement) {
      if (el.scrollTop > 0) el.scrollTop = 0;
    }
  });
  await city.evaluate(() => document.activeElement && document.activeElement.blur());
  const third = field(planForm, planIds, visible[Math.min(5, visible.length - 1)].key); // down to the third pair
  const bottom = await third.evaluate((el) => (el.closest('.fjs-form-field') || el).getBoundingClientRect().bottom);
  await shot(city, 'plan-form-filled', { x: 0, y: 0, width: 1400, height: Math.min(1900, Math.ceil(bottom) + 12) });
  await city.setViewportSize({ width: 1400, height: 1000 });
  await field(planForm, planIds, visible[visible.length - 1].key).scrollIntoViewIfNeeded();
  await shot(city, 'plan-form-indicators');

  step = `complete ${PLAN_TASK}`;
  log(step);
  const complete = taskView.locator('button[ng-click="complete()"]');
  await complete.waitFor({ state: 'visible' });
  check(await complete.isEnabled(), 'the Complete button is disabled');
  await complete.click();
  await planTask.first().waitFor({ state: 'detached' });
  const formError = await taskView.locator('.alert-danger:visible').count();
  check(formError === 0, `completing showed an error: ${formError ? await taskView.locator('.alert-danger:visible').first().innerText() : ''}`);
  await shot(city, 'plan-submitted');

  // 5. Provincial finance of the unit finds the plan in 本部门待办
  step = `${PROVINCE_USER} sees ${ACCEPT_TASK} in ${DEPARTMENT_FILTER}`;
  log(step);
  const province = await newSession(PROVINCE_USER);
  await login(province, PROVINCE_USER);
  const provinceCount = await openFilter(province, DEPARTMENT_FILTER);
  check(provinceCount > 0, `${PROVINCE_USER} has no task in ${DEPARTMENT_FILTER}`);
  const acceptTask = taskInList(province, ACCEPT_TASK);
  await acceptTask.first().waitFor({ state: 'visible' });
  await shot(province, 'province-department-tasks');
  await acceptTask.first().locator('h4.task a').click();
  const acceptForm = province.locator('[cam-tasklist-task], .task-details').first().locator('.fjs-form');
  await acceptForm.waitFor({ state: 'visible' });
  await province.waitForFunction(
    (name) => [...document.querySelectorAll('.fjs-form input')].some((i) => i.value.includes(name)), CITY_NAME);
  const acceptText = await visibleText(acceptForm);
  check(acceptText.includes(CITY_NAME), `the accept form does not name ${CITY_NAME}`);
  await shot(province, 'province-accept-form');

  // 6. Another unit's provincial finance sees nothing in the same filter
  step = `${OTHER_USER} does not see it`;
  log(step);
  const other = await newSession(OTHER_USER);
  await login(other, OTHER_USER);
  const otherCount = await openFilter(other, DEPARTMENT_FILTER);
  const otherTasks = await other.locator('.tasks-list li.task').count();
  await shot(other, 'other-unit-department-tasks');
  check(otherCount === 0 && otherTasks === 0, `${OTHER_USER} sees ${otherTasks} task(s) in ${DEPARTMENT_FILTER}, expected none`);
  check((await taskInList(other, ACCEPT_TASK).count()) === 0, `${OTHER_USER} sees ${ACCEPT_TASK}`);

  log(`PASSED in ${elapsed()}; screenshots in ${SHOTS}`);
  await browser.close();
  clearTimeout(watchdog);
  process.exit(0);
} catch (e) {
  console.error(`FAILED at step "${step}" after ${elapsed()}: ${e && e.stack || e}`);
  await failureScreenshots();
  await browser.close().catch(() => {});
  clearTimeout(watchdog);
  process.exit(1);
}
