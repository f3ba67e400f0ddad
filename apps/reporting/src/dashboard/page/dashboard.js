// The dashboard: log in (POST /api/v1/auth/token, the token kept in sessionStorage for this tab
// only), then read the three report routes with the bearer token and show their figures as the
// API gives them (no figure is computed here, only written out). Every failure ends as a line of
// text in #message, never a blank page.
import { count, NO_FIGURE, percent, percentValue, times, yuan, yuanValue } from './format.js';

const API = '/api/v1';
const TOKEN_KEY = 'xingfu.dashboard.token';
const CHARTS_MISSING = '图表库未能加载，只显示数字。';
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- messages

function showMessage(text) {
  const box = $('message');
  box.textContent = text;
  box.hidden = !text;
}

function setStatus(text) {
  $('status').textContent = text;
}

/** The API's one error shape ({ code, message, details }) as a sentence for the reader. */
function problemText(status, body) {
  if (status === 401) return '登录已过期或无效，请重新登录。';
  if (status === 403) return '您的账号无权查看这些报表。';
  if (status === 429) return '尝试次数过多，请稍后再试。';
  const detail = body && typeof body.message === 'string' ? `${body.message}${body.code ? `（${body.code}）` : ''}` : `HTTP ${status}`;
  if (status === 400) return `查询条件有误：${detail}`;
  return `服务器未能给出报表：${detail}`;
}

/** Why a login failed. A 404 means this process has no identity service (a distributed deployment reached without its one front door). */
function loginProblemText(status, body) {
  if (status === 401) return '用户名或密码错误。';
  if (status === 404) return '此地址不提供登录服务（/api/v1/auth/token）：请通过统一入口打开看板。';
  return problemText(status, body).replace('服务器未能给出报表', '登录失败');
}

class ApiProblem extends Error {
  constructor(status, body) {
    super(problemText(status, body));
    this.status = status;
  }
}

// ---------------------------------------------------------------- the token

function savedToken() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = claimsOf(token);
  // An expired token would only earn a 401: ask for the login straight away.
  if (!claims || (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return token;
}

/** The token's claims, for the name in the header only (the server checks the token). */
function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent([...atob(part)].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const ROLE_NAMES = { admin: '系统管理员', foundation: '基金会', project_manager: '项目办', officer: '乡镇专干', partner: '合作方' };

// ---------------------------------------------------------------- HTTP

async function readJson(res) {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function getReport(path, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined && v !== null));
  const url = `${API}${path}${query.size > 0 ? `?${query}` : ''}`;
  const res = await fetch(url, { headers: { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`, Accept: 'application/json' } });
  const body = await readJson(res);
  if (!res.ok) throw new ApiProblem(res.status, body);
  if (body === null) throw new Error(`服务器对 ${path} 的回答不是 JSON。`);
  return body;
}

// ---------------------------------------------------------------- the reports' JSON

// Each report answers { asOf, groupBy, projectId, from, to, columns: [{ key, header, kind }],
// items: [row], total: row }: one flat row per group, fen and counts as integers, each rate a
// number rounded to 4 decimals (null: nothing to divide by) beside its numerator and denominator.

/** A rate as a report gives it: a number, null, or (nested) { rate, numerator, denominator }. */
function rateOf(value) {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : (value.rate ?? null);
}

const rowsOf = (report) => (Array.isArray(report?.items) ? report.items : []);
const totalOf = (report) => report?.total ?? {};

/** The first of the keys the row has (a figure's name where reports may differ in it). */
function pick(row, ...keys) {
  for (const key of keys) if (row && row[key] !== undefined) return row[key];
  return undefined;
}

/** The value of a group dimension in a row (township → townshipCode, partner → partnerId, month → month). */
function groupOf(row, dim) {
  const value = pick(row, dim, `${dim}Code`, `${dim}Id`);
  return value === null || value === undefined ? '（未填）' : String(value);
}

/** A label for a row: its name when the report gives one, else its code. */
function labelOf(row, dim) {
  const name = pick(row, `${dim}Name`);
  return name ? String(name) : groupOf(row, dim);
}

// ---------------------------------------------------------------- headline figures

function showFigure(name, text, value, detail) {
  const el = document.querySelector(`dd[data-figure="${name}"]`);
  el.textContent = text;
  el.dataset.value = value === null || value === undefined ? '' : String(value);
  const small = document.querySelector(`[data-detail="${name}"]`);
  if (small) small.textContent = detail ?? '';
}

/** A rate, written with `write`, and under it what it divides ("已还 ¥x / 应还 ¥y"). */
function showRate(name, rate, write, numerator, denominator) {
  const parts = numerator !== undefined && denominator !== undefined ? `${numerator} / ${denominator}` : '';
  showFigure(name, write(rateOf(rate)), rateOf(rate), rateOf(rate) === null ? `${parts}（分母为 0，无此指标）` : parts);
}

function showHeadline(portfolio, recovery, funds) {
  const p = totalOf(portfolio);
  const r = totalOf(recovery);
  const f = totalOf(funds);
  showFigure('loans', count(p.disbursedCount), p.disbursedCount);
  showFigure('disbursed', yuan(p.disbursedFen), p.disbursedFen);
  showFigure('outstanding', yuan(p.outstandingFen), p.outstandingFen);
  showRate('recoveryRate', pick(r, 'recoveryRate', 'recovery'), percent, `已还 ${yuan(pick(r, 'paidFen'))}`, `应还 ${yuan(pick(r, 'dueFen'))}`);
  showRate('par30', pick(p, 'par30Rate', 'par30'), percent, `逾期30天以上 ${yuan(p.par30Fen)}`, `余额 ${yuan(p.outstandingFen)}`);
  showRate('arrivalRate', pick(f, 'arrivalRate', 'arrival'), percent, `到位 ${yuan(f.receivedFen)}`, `承诺 ${yuan(f.committedFen)}`);
  showRate('revolvingRate', pick(f, 'revolvingRate', 'revolving'), times, `累计发放 ${yuan(f.disbursedFen)}`, `到位 ${yuan(f.receivedFen)}`);
  showRate('outOfPovertyRate', pick(p, 'outOfPovertyRate', 'outOfPoverty'), percent, `脱贫 ${count(p.outOfPoverty)} 人`, `回访 ${count(p.followedUp)} 人`);
}

function clearHeadline() {
  for (const el of document.querySelectorAll('dd[data-figure]')) {
    el.textContent = NO_FIGURE;
    el.dataset.value = '';
  }
  for (const el of document.querySelectorAll('[data-detail]')) el.textContent = '';
}

// ---------------------------------------------------------------- charts

const charts = new Map();

function chartIn(id) {
  const el = $(id);
  if (!window.echarts) return null;
  let chart = charts.get(id);
  if (!chart) {
    el.textContent = '';
    chart = window.echarts.init(el, null, { renderer: 'canvas' });
    charts.set(id, chart);
  }
  return chart;
}

/** Draws a chart and leaves its points on the element (data-points), for a reader without canvas and for the test. */
function drawChart(id, points, option) {
  const el = $(id);
  el.dataset.points = JSON.stringify(points);
  if (points.length === 0) {
    charts.get(id)?.dispose();
    charts.delete(id);
    el.innerHTML = '<div class="empty">暂无数据</div>';
    return;
  }
  const chart = chartIn(id);
  if (!chart) {
    el.innerHTML = '<div class="empty">图表库未能加载</div>';
    return;
  }
  // No animation: the figures are there at once (and a screenshot shows them whole).
  chart.setOption({ animation: false, grid: { left: 16, right: 16, top: 40, bottom: option.legend ? 40 : 16, containLabel: true }, tooltip: { trigger: 'axis' }, ...option }, true);
}

const categoryAxis = (labels) => ({ type: 'category', data: labels, axisLabel: { rotate: labels.length > 4 ? 30 : 0, hideOverlap: true } });
const percentAxis = { type: 'value', axisLabel: { formatter: '{value}%' } };

function drawRecoveryByMonth(recovery) {
  const rows = rowsOf(recovery).slice().sort((a, b) => groupOf(a, 'month').localeCompare(groupOf(b, 'month')));
  const points = rows.map((r) => [groupOf(r, 'month'), rateOf(pick(r, 'recoveryRate', 'recovery'))]);
  drawChart('chart-recovery', points, {
    xAxis: categoryAxis(points.map((p) => p[0])),
    yAxis: { ...percentAxis, min: 0, max: 100 },
    series: [{ name: '回收率', type: 'line', data: points.map((p) => percentValue(p[1])), connectNulls: false, smooth: false, label: { show: points.length <= 12, formatter: '{c}%' } }],
  });
}

function drawPar30ByTownship(byTownship) {
  const rows = rowsOf(byTownship);
  const points = rows.map((r) => [labelOf(r, 'township'), rateOf(pick(r, 'par30Rate', 'par30'))]);
  drawChart('chart-par30', points, {
    xAxis: categoryAxis(points.map((p) => p[0])),
    yAxis: percentAxis,
    series: [{ name: 'PAR30', type: 'bar', data: points.map((p) => percentValue(p[1])), itemStyle: { color: '#c2185b' }, label: { show: true, position: 'top', formatter: '{c}%' } }],
  });
}

function drawFundTurnover(funds) {
  const rows = rowsOf(funds);
  const points = rows.map((r) => [labelOf(r, 'project'), r.committedFen ?? null, r.receivedFen ?? null, r.disbursedFen ?? null, rateOf(pick(r, 'revolvingRate', 'revolving'))]);
  drawChart('chart-funds', points, {
    legend: { bottom: 0 },
    xAxis: categoryAxis(points.map((p) => p[0])),
    yAxis: [{ type: 'value', name: '元' }, { type: 'value', name: '次', position: 'right' }],
    series: [
      { name: '承诺', type: 'bar', data: points.map((p) => yuanValue(p[1])) },
      { name: '到位', type: 'bar', data: points.map((p) => yuanValue(p[2])) },
      { name: '累计发放', type: 'bar', data: points.map((p) => yuanValue(p[3])) },
      { name: '滚动率', type: 'line', yAxisIndex: 1, data: points.map((p) => p[4]) },
    ],
  });
}

/** Partners with a buyback: gross bought back, and what reached the mothers (the portfolio by partner gives both). */
function drawBuybackByPartner(byPartner) {
  const gross = (r) => pick(r, 'buybackGrossFen') ?? 0;
  const net = (r) => pick(r, 'buybackNetToMotherFen', 'buybackNetFen') ?? 0;
  const rows = rowsOf(byPartner).filter((r) => gross(r) !== 0 || net(r) !== 0);
  const points = rows.map((r) => [labelOf(r, 'partner'), gross(r), net(r)]);
  drawChart('chart-buyback', points, {
    legend: { bottom: 0 },
    xAxis: categoryAxis(points.map((p) => p[0])),
    yAxis: { type: 'value', name: '元' },
    series: [
      { name: '回购总额', type: 'bar', data: points.map((p) => yuanValue(p[1])) },
      { name: '付给母亲', type: 'bar', data: points.map((p) => yuanValue(p[2])) },
    ],
  });
}

// Charts follow their boxes (a phone turned sideways, a window resized).
const resizer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => charts.forEach((c) => c.resize())) : null;

// ---------------------------------------------------------------- filters

function filters() {
  return { projectId: $('filter-project').value, from: $('filter-from').value, to: $('filter-to').value };
}

/** The projects the reports name (the funds report gives their names), added to the filter as they appear. */
function fillProjects(...reports) {
  const select = $('filter-project');
  const options = new Map([...select.options].map((o) => [o.value, o]));
  for (const row of reports.flatMap(rowsOf)) {
    const id = pick(row, 'projectId');
    if (typeof id !== 'string' || id === '合计') continue;
    let option = options.get(id);
    if (!option) {
      option = document.createElement('option');
      option.value = id;
      option.textContent = id;
      select.append(option);
      options.set(id, option);
    }
    if (row.projectName) option.textContent = row.projectName;
  }
}

// ---------------------------------------------------------------- the page

let loading = 0;

async function load() {
  const mine = ++loading;
  const f = filters();
  if (f.from && f.to && f.from > f.to) {
    showMessage('起始日期不能晚于截止日期。');
    return;
  }
  showMessage(window.echarts ? '' : CHARTS_MISSING);
  setStatus('正在加载…');
  $('board').setAttribute('aria-busy', 'true');
  try {
    const [total, byTownship, byPartner, recovery, funds] = await Promise.all([
      getReport('/reports/portfolio', { groupBy: 'project', ...f }),
      getReport('/reports/portfolio', { groupBy: 'township', ...f }),
      getReport('/reports/portfolio', { groupBy: 'partner', ...f }),
      getReport('/reports/recovery', { groupBy: 'month', ...f }),
      // The funds report is per project, whatever the dates: a fund's money is not monthly.
      getReport('/reports/funds', { projectId: f.projectId }),
    ]);
    if (mine !== loading) return; // a newer query is on its way
    fillProjects(funds, total);
    showHeadline(total, recovery, funds);
    drawRecoveryByMonth(recovery);
    drawPar30ByTownship(byTownship);
    drawFundTurnover(funds);
    drawBuybackByPartner(byPartner);
    setStatus(total.asOf ? `数据截至 ${total.asOf}` : '');
    $('board').dataset.loaded = 'true';
  } catch (error) {
    if (mine !== loading) return;
    if (error instanceof ApiProblem && error.status === 401) return showLogin(error.message);
    clearHeadline();
    setStatus('');
    showMessage(error instanceof Error ? error.message : String(error));
    $('board').dataset.loaded = 'failed';
  } finally {
    if (mine === loading) $('board').removeAttribute('aria-busy');
  }
}

function showLogin(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('board').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  showMessage(reason ?? '');
  $('username').focus();
}

function showBoard() {
  const claims = claimsOf(sessionStorage.getItem(TOKEN_KEY)) ?? {};
  $('who-name').textContent = `${claims.username ?? ''}${claims.role ? `（${ROLE_NAMES[claims.role] ?? claims.role}）` : ''}`;
  $('who').hidden = false;
  $('login').hidden = true;
  $('board').hidden = false;
  for (const el of document.querySelectorAll('.chart')) resizer?.observe(el);
  return load();
}

async function logIn(event) {
  event.preventDefault();
  const button = $('login-submit');
  button.disabled = true;
  showMessage('');
  try {
    const res = await fetch(`${API}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: $('username').value.trim(), password: $('password').value }),
    });
    const body = await readJson(res);
    if (!res.ok) {
      showMessage(loginProblemText(res.status, body));
      return;
    }
    if (!body || typeof body.accessToken !== 'string') throw new Error('登录服务的回答缺少令牌。');
    sessionStorage.setItem(TOKEN_KEY, body.accessToken);
    $('password').value = '';
    await showBoard();
  } catch (error) {
    showMessage(`无法登录：${error instanceof Error ? error.message : String(error)}`);
  } finally {
    button.disabled = false;
  }
}

function start() {
  $('login-form').addEventListener('submit', (e) => void logIn(e));
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  // After the form's own reset has emptied the fields.
  $('filters').addEventListener('reset', () => setTimeout(() => void load(), 0));
  $('logout').addEventListener('click', () => showLogin('您已退出。'));
  if (!window.echarts) showMessage(CHARTS_MISSING);
  if (savedToken()) void showBoard();
  else showLogin();
}

// Anything that slipped through still ends as text on the page.
window.addEventListener('error', (e) => showMessage(`页面出错：${e.message}`));
window.addEventListener('unhandledrejection', (e) => showMessage(`页面出错：${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));

start();
