// Scenarios: a bundled market scenario with its parameters or its file edited, run against its baseline —
// prices, production shares, fiscal totals, trade flows, a world map; and the LCP solver on its own.
import { html, mount, $ } from '../kit/dom.js';
import { api } from '../kit/api.js';
import { num, pct, fix, money, moneyUnit, moneyValue, when } from '../kit/format.js';
import { show, tag, errorBox, formError, clearErrors, checkForm, announce, newest } from '../kit/ui.js';
import { chart, world, mapControls, STRIPED } from '../kit/charts.js';
import { downloadButtons, fileName } from '../kit/download.js';
import { keepInput } from '../kit/kept.js';

export default { id: 'scenarios', title: 'Scenarios', render };

async function render(view, [sub, id]) {
  const list = await api('/api/scenarios');
  if (!view.alive) return;
  mount(view.main, html`
    <h1>Market scenarios</h1>
    <p class="lead">Multi-region equilibrium of one mineral market under a policy — a club price floor enforced by a variable levy,
      a price-gap subsidy, an export ban, a stockpile release — against its calibrated baseline (USGS figures). Pick a scenario,
      change its parameters, run it.</p>
    <div class="card">
      <div class="row">
        <label class="grow">Scenario <select id="sc-pick" name="scenario" data-testid="scenario-pick">${list.map(s =>
          html`<option value="${s.name}">${s.name} — ${s.description}</option>`)}</select></label>
      </div>
      <div id="sc-params" class="gap-top"></div>
    </div>
    <div id="sc-result"></div>
    <div id="sc-paths"></div>
    <details class="card" id="lcp-card">
      <summary>The solver on its own: a raw linear complementarity problem</summary>
      <p class="hint">Find z ≥ 0 with w = Mz + q ≥ 0 and z·w = 0 — the problem every market equilibrium is reduced to, solved by
        the same Lemke method (lexicographic ratio test). As <code>lodestone solve-lcp</code> and <code>POST /api/lcp</code>.</p>
      <form id="lcp-form" novalidate>
        <label>Problem (JSON) <textarea name="lcp" rows="4" data-testid="lcp-input">{"M": [[2, 1], [1, 2]], "q": [-5, -6]}</textarea></label>
        <button type="submit" data-testid="lcp-solve">Solve</button>
      </form>
      <div id="lcp-result" data-testid="lcp-result"></div>
    </details>`);
  keepInput('scenarios.lcp', [$('#lcp-form').lcp]); // kept for a visit to another page, as the forms below
  $('#lcp-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const out = $('#lcp-result');
    const run = newest(out, view); // a refusal, or a problem solved after this one, supersedes it
    const f = ev.target;
    // every error is the Problem field's, by its label and marked ("Problem (JSON): M: has 1 rows, …")
    const bad = message => show(out, formError(f, { field: 'lcp', message }));
    let problem;
    try { problem = JSON.parse(f.lcp.value); } catch { bad('not valid JSON: expected {"M": [[…]], "q": […]}'); return; }
    try {
      const r = await api('/api/lcp', { method: 'POST', body: problem });
      if (!run.alive) return;
      announce(r.status === 'solved' ? `Solved in ${r.pivots} pivots` : 'No solution');
      show(out, r.status === 'solved'
        ? html`<p><b>Solved</b> in ${r.pivots} pivots; residual max|min(z, w)| = ${Number(r.residual).toExponential(2)}</p>
           <div class="table-wrap"><table><tr><th scope="col">i</th><th scope="col" class="num">z</th><th scope="col" class="num">w</th></tr>${r.z.map((z, i) =>
             html`<tr><td>${i + 1}</td><td class="num">${num(z, 9)}</td><td class="num">${num(r.w[i], 9)}</td></tr>`)}</table></div>`
        : html`<p><b>No solution</b> after ${r.pivots} pivots: ${r.reason}</p>`);
      clearErrors(f);
    } catch (e) { if (run.alive) bad(e.message.replace(/^the request body is /, '')); }
  });
  // a stored run (#scenarios/run/ID): a one-year equilibrium, or a path, Monte Carlo, seek or sensitivity run (paths.js)
  const stored = sub === 'run' && id ? await api('/api/scenario-runs/' + encodeURIComponent(id)) : null;
  if (!view.alive) return;
  // years, Monte Carlo, sensitivity and target seeking for scenarios with a horizon (paths.js, its own module)
  const paths = import('../paths.js');
  paths.then(m => { if (view.alive) return m.mountPaths($('#sc-paths'), api, view, stored && m.isPathRun(stored) ? stored : null); })
    .catch(e => { if (view.alive) $('#sc-paths').textContent = e.message; });
  const state = { view, info: null, seq: 0 };
  const pick = $('#sc-pick');
  pick.addEventListener('change', () => {
    // the scenario already on the form picked again (a change event without a change): nothing to load, and the values
    // typed into its form are kept (they were reset by drawing the form again once its scenario had been fetched)
    const shown = $('#sc-form');
    if (shown && shown.dataset.scenario === pick.value && state.info && state.info.name === pick.value) {
      state.seq++; // and a load of another scenario still under way (picked, then this one again) is dropped
      return;
    }
    // a result on screen belongs to the scenario it was run for: switching clears it
    show($('#sc-result'), null);
    history.replaceState(null, '', '#scenarios');
    loadScenario(state, pick.value);
  });
  if (stored) {
    const run = stored;
    const m = await paths;
    if (!view.alive) return;
    const pathRun = m.isPathRun(run);
    const known = list.find(s => s.name === run.scenario);
    // a path run's parameters are the paths' (below), not this form's
    if (known) { pick.value = run.scenario; await loadScenario(state, run.scenario, pathRun ? undefined : run.parameters); }
    if (!view.alive) return;
    if (pathRun) m.showStoredRun($('#sc-result'), run, when); else showRun(state, run);
  } else {
    // the scenario picked last in this tab (kit/kept.js), else the first scenario (the select's own first option, which
    // it shows when nothing was kept, is not a choice: WebAppBrowserTest.pickingTheScenarioAlreadyShown…)
    const kept = keepInput('scenarios', [pick]).restored.has('scenario') ? list.find(s => s.name === pick.value) : null;
    const first = kept || list.find(s => s.kind === 'scenario') || list[0];
    if (first) { pick.value = first.name; await loadScenario(state, first.name); }
  }
}

async function loadScenario(state, name, runParams) {
  const seq = ++state.seq;
  const info = await api('/api/scenarios/' + encodeURIComponent(name));
  if (!state.view.alive || seq !== state.seq) return; // another scenario was picked meanwhile
  state.info = info;
  const s = info, p = s.parameters, u = s.units;
  const v = Object.assign({}, p, runParams || {}); // a stored run shows the parameters it ran with
  const fields = [];
  if ('floor' in p) fields.push(html`<label>Floor price (${u.price}) <input name="floor" type="text" inputmode="decimal" data-number="decimal" autocomplete="off" min="0" required value="${v.floor}" data-testid="param-floor"></label>`);
  if ('strike' in p) fields.push(html`<label>Subsidy strike (${u.price}) <input name="strike" type="text" inputmode="decimal" data-number="decimal" autocomplete="off" min="0" required value="${v.strike}" data-testid="param-strike"></label>`);
  if ('members' in p) fields.push(html`<label>Club members <input name="members" value="${(v.members || []).join(', ')}" data-testid="param-members"><span class="hint">region ids, comma-separated</span></label>`);
  if ('ban' in p) fields.push(html`<label>Export ban <select name="ban" data-testid="param-ban"><option value="true">in force</option><option value="false">lifted</option></select></label>`);
  if ('ban_months' in p) fields.push(html`<label>Ban length (months of the year) <input name="ban_months" type="text" inputmode="numeric" data-number="whole" autocomplete="off" min="0" max="12" required value="${v.ban_months}" data-testid="param-ban-months"><span class="hint">shorter than 12: the banned region exports (12 − months)/12 of its baseline trade</span></label>`);
  for (const [r, q] of Object.entries(p.releases || {})) fields.push(html`<label>Stockpile release by ${r} (${u.quantity}) <input name="${'release-' + r}" type="text" inputmode="decimal" data-number="decimal" autocomplete="off" min="0" required value="${(v.releases || {})[r] ?? q}"></label>`);
  const el = $('#sc-params');
  show(el, html`
    <p>${s.description}</p>
    <p class="hint">Mineral: ${s.minerals.join(', ')} · regions: ${s.regions.join(', ')} · ${s.baseline ? 'compared with baseline ' + s.baseline : 'a baseline (no policy)'}
      · policies: ${s.policies.join('; ') || 'none'}</p>
    <form id="sc-form" data-scenario="${s.name}" novalidate>
      ${fields.length ? html`<div class="grid">${fields}</div>` : html`<p class="hint">This scenario has no editable parameters; edit its file below or pick another.</p>`}
      <details class="gap-top"><summary>Edit the scenario file (YAML, docs/scenario-format.md)</summary>
        <label class="gap-top">Scenario file <textarea name="text" rows="16" class="full">${s.text}</textarea></label>
        <p class="hint">When you change the file, it is run as written (the parameter fields above are then ignored).</p></details>
      <div class="row gap-top"><button type="submit" data-testid="run-scenario">Run scenario</button></div>
    </form>`);
  const form = $('#sc-form');
  if (form.ban && runParams && runParams.ban === false) form.ban.value = 'false';
  // the parameters and the file as edited survive a visit to another page (a stored run's shows the run's own); a file
  // changed opens its part, to be seen
  if (!runParams) {
    keepInput('scenarios.' + s.name, [...form.elements].filter(x => x.name));
    if (form.text.value !== s.text) form.text.closest('details').open = true;
  }
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = form;
    const out = $('#sc-result');
    const run = newest(out, state.view); // a refusal, or a run asked after this one, supersedes it
    const body = { scenario: s.name };
    clearErrors(f);
    if (f.text.value !== s.text) body.text = f.text.value;
    else {
      // the fields' own rules first (an emptied Floor is not sent as 0): shown beside each field, nothing is run
      const bad = checkForm(f);
      if (bad) { show(out, bad); return; }
      // only what the person changed is sent, so an unchanged scenario runs exactly as bundled
      const params = {};
      if (f.floor && Number(f.floor.value) !== Number(p.floor)) params.floor = Number(f.floor.value);
      if (f.strike && Number(f.strike.value) !== Number(p.strike)) params.strike = Number(f.strike.value);
      if (f.members) {
        // region ids are upper case (US, EU27); whether each is one of the scenario's regions is the server's to say
        const m = f.members.value.split(/[,\s]+/).filter(Boolean).map(x => x.toUpperCase());
        if (m.join(',') !== (p.members || []).join(',')) params.members = m;
      }
      if (f.ban && f.ban.value !== 'true') params.ban = false;
      if (f.ban_months && Number(f.ban_months.value) !== Number(p.ban_months)) params.ban_months = Number(f.ban_months.value);
      const rel = {};
      for (const r of Object.keys(p.releases || {})) if (Number(f.elements['release-' + r].value) !== Number(p.releases[r])) rel[r] = Number(f.elements['release-' + r].value);
      if (Object.keys(rel).length) params.releases = rel;
      if (Object.keys(params).length) body.parameters = params;
    }
    show(out, html`<p class="hint">Solving…</p>`);
    const mySeq = state.seq;
    try {
      const r = await api('/api/scenario-runs', { method: 'POST', body });
      if (!run.alive || mySeq !== state.seq) return;
      history.replaceState(null, '', '#scenarios/run/' + r.id);
      clearErrors(f);
      showRun(state, r);
      if (r.status === 'solved' && r.result && r.result.status === 'solved') {
        announce(`Scenario ${r.result.scenario} solved: total welfare change ${money(welfare(r.result).total, r.result.units)}`);
      }
    } catch (e) {
      if (!run.alive || mySeq !== state.seq) return;
      // the server names the parameter ("parameters.members") or the file ("text"): shown beside that field
      const fieldMap = {};
      if (e.field && e.field.startsWith('parameters.')) fieldMap[e.field] = e.field.slice('parameters.'.length).replace(/^releases\./, 'release-');
      // a scenario that cannot be run lists its problems (error.problems, each at its line of the text): said in one line
      const said = p => {
        const at = `${p.file}${p.line ? ':' + p.line : ''}: `, m = String(p.message);
        return m.startsWith(at) ? (p.line ? `line ${p.line}: ` : '') + m.slice(at.length) : m;
      };
      const shown = e.field && e.problems && e.problems.length ? { field: e.field, message: e.field + ': ' + e.problems.map(said).join('; ') } : e;
      show(out, formError(f, shown, fieldMap));
    }
  });
}

/** "floor 125, members US, JP": what a run changed from the bundled scenario. */
function paramText(params) {
  const parts = [];
  for (const [k, v] of Object.entries(params || {})) {
    if (k === 'releases') for (const [r, q] of Object.entries(v)) parts.push(`release by ${r} ${q}`);
    else if (k === 'ban') parts.push(v ? 'ban in force' : 'ban lifted');
    else if (k === 'ban_months') parts.push(`ban ${v} months`);
    else parts.push(`${k} ${Array.isArray(v) ? v.join(' ') : v}`);
  }
  return parts.join(', ');
}

/**
 * Total welfare change: consumer and producer surplus plus public revenue net of subsidies, plus quota rents, plus the
 * stockpile agency's account (sales − purchases at market prices) where a stockpile is in either market — the report
 * has stock_sales and stock_purchases then (stock: true), and not otherwise — plus offtake contracts' margins. The
 * server's figures (the run's welfare_change, docs/market-model.md "Welfare by region") where the run has them; a run
 * stored before they were reported is summed here from its totals, without the offtakes' margins (offtakes: null).
 */
export function welfare(r) {
  const stock = 'stock_sales' in r.totals;
  const w = r.welfare_change;
  if (w) {
    const offtakes = w.offtakes !== 0 || (r.totals.offtake_transfers && (r.totals.offtake_transfers.scenario !== 0 || r.totals.offtake_transfers.baseline !== 0));
    return { cs: w.consumer, ps: w.producer, pub: w.public_revenue, rents: w.quota_rents, stock, account: w.stockpile,
      offtakes: offtakes ? w.offtakes : undefined, total: w.total };
  }
  const d = k => (r.totals[k] ? r.totals[k].scenario - r.totals[k].baseline : 0);
  const cs = r.regions.reduce((a, x) => a + x.consumer_surplus_change, 0);
  const ps = r.regions.reduce((a, x) => a + x.producer_surplus_change, 0);
  const pub = d('levy_revenue') + d('tariff_revenue') + d('export_tax_revenue') - d('subsidy_outlay');
  const account = d('stock_sales') - d('stock_purchases');
  // an offtake in such a run (its transfers reported) had its margins left out: said under the figure
  const hadOfftake = r.totals.offtake_transfers && (r.totals.offtake_transfers.scenario !== 0 || r.totals.offtake_transfers.baseline !== 0);
  return { cs, ps, pub, rents: d('quota_rents'), stock, account, offtakes: hadOfftake ? null : undefined, total: cs + ps + pub + d('quota_rents') + account };
}

function showRun(state, run) {
  const el = $('#sc-result');
  if (run.status !== 'solved' || !run.result || run.result.status !== 'solved') {
    show(el, errorBox({ message: 'No equilibrium: ' + (run.error || (run.result && run.result.reason) || 'unknown') }));
    return;
  }
  const r = run.result, u = r.units, t = r.totals;
  const changed = paramText(run.parameters);
  const w = welfare(r);
  show(el, html`
    <div class="card" data-testid="scenario-result">
      <div class="row spread"><div><b data-testid="run-title">${r.scenario}${changed ? html` with ${changed}` : ''}</b> against <b>${r.baseline}</b> ${tag('solved')}
        <div class="hint" data-testid="run-policies">${r.policies.join('; ')}</div></div>
        <div class="hint">run #${run.id} · ${when(run.at)} · ${num(run.millis, 1)} ms · residual ${Number(r.solver.residual).toExponential(1)} · ${r.solver.pivots} pivots ·
          <a href="${'#scenarios/run/' + run.id}">link</a></div></div>
      <div class="kpis">
        <div><span>Total welfare change</span><b class="big" data-testid="welfare">${money(w.total, u)}</b></div>
        <div><span>Levy revenue</span><b class="big" data-testid="levy-revenue">${money(t.levy_revenue.scenario, u)}</b></div>
        <div><span>Subsidy cost</span><b class="big">${money(t.subsidy_outlay.scenario, u)}</b></div>
        <div><span>Quota rents</span><b class="big">${money(t.quota_rents.scenario, u)}</b></div>
        ${w.stock ? html`<div><span>Stockpile sales − purchases</span><b class="big" data-testid="stock-account">${money(t.stock_sales.scenario - t.stock_purchases.scenario, u)}</b></div>` : ''}
        <div><span>HHI of production</span><b class="big">${num(t.hhi.baseline, 0)} → ${num(t.hhi.scenario, 0)}</b></div>
        <div><span>Non-member share of club supply</span><b class="big">${pct(t.non_member_share_of_club_supply.baseline)} → ${pct(t.non_member_share_of_club_supply.scenario)}</b></div>
      </div>
      <p class="hint">Welfare change against the baseline = consumer surplus ${money(w.cs, u)} + producer surplus ${money(w.ps, u)}
        + public revenue net of subsidies ${money(w.pub, u)} + quota rents ${money(w.rents, u)}${w.stock ? html` + stockpile account ${money(w.account, u)}
        (the agency's sales − purchases at each region's price; the holdings drawn down or added are not valued)` : ''}${w.offtakes !== undefined && w.offtakes !== null
        ? html` + offtake margins ${money(w.offtakes, u)} (a contract's volume at its destination's price less its origin's)` : ''}. Money in ${moneyUnit(u)} (${u.price} × ${u.quantity}).${w.offtakes === null
        ? ' This run was recorded before offtake margins were counted: run it again for them.' : ''}</p>
      ${(r.warnings || []).map(x => html`<p class="warn" data-testid="run-warning">warning: ${x}</p>`)}
      ${(r.notes || []).map(x => html`<p class="hint" data-testid="run-note">note: ${x}</p>`)}
    </div>
    <div class="charts">
      <div class="card"><h2>Prices by region (${u.price})</h2><div class="chart" id="ch-prices" data-testid="price-chart"></div></div>
      <div class="card"><h2>Production shares</h2><div class="chart" id="ch-shares"></div></div>
      <div class="card"><h2>Levy revenue and subsidy cost (${moneyUnit(u)})</h2><div class="chart" id="ch-fiscal"></div></div>
      <div class="card"><h2>Trade flows (${u.quantity})</h2><div class="chart" id="ch-flows"></div></div>
    </div>
    <div class="card"><h2>World map: production (${u.quantity}) and trade flows in the scenario</h2><div class="map" id="ch-map" data-testid="map"></div></div>
    <div class="card"><h2>By region</h2><div class="table-wrap"><table class="stacked" data-testid="region-table"><thead><tr><th scope="col">Region</th><th scope="col" class="num">Price</th><th scope="col" class="num">Production</th><th scope="col" class="num">Consumption</th>
      <th scope="col" class="num">Net imports</th><th scope="col" class="num">Consumer surplus Δ</th><th scope="col" class="num">Producer surplus Δ</th>
      <th scope="col" class="num">Public revenue Δ</th><th scope="col" class="num">Net welfare Δ</th></tr></thead><tbody>
      ${r.regions.map(x => html`<tr><td>${x.id}</td><td class="num" data-label="Price">${fix(x.price.baseline, 2)} → <b>${fix(x.price.scenario, 2)}</b></td>
        <td class="num" data-label="Production">${num(x.production.baseline, 0)} → ${num(x.production.scenario, 0)}</td>
        <td class="num" data-label="Consumption">${num(x.consumption.baseline, 0)} → ${num(x.consumption.scenario, 0)}</td>
        <td class="num" data-label="Net imports">${num(x.net_imports.baseline, 0)} → ${num(x.net_imports.scenario, 0)}</td>
        <td class="num" data-label="Consumer surplus Δ">${money(x.consumer_surplus_change, u)}</td>
        <td class="num" data-label="Producer surplus Δ">${money(x.producer_surplus_change, u)}</td>
        <td class="num" data-label="Public revenue Δ">${x.welfare_change ? money(x.welfare_change.public_revenue, u) : '—'}</td>
        <td class="num" data-label="Net welfare Δ" data-testid="region-welfare">${x.welfare_change ? money(x.welfare_change.total, u) : '—'}</td></tr>`)}</tbody></table></div>
      <p class="hint">Prices in ${u.price}, quantities in ${u.quantity}, money in ${moneyUnit(u)}; changes against the baseline. A region's public revenue
        is the duties and levies on its imports and the export taxes on its exports, less the price-gap subsidies its producers receive; its net
        welfare adds its consumers' and producers' surplus and the rents of its export quotas${w.stock ? ", its stockpiles' sales − purchases" : ''}${w.offtakes !== undefined
        ? " and its offtake contracts' margins" : ''} (the CSV has each account). The regions' net welfare adds up to the total welfare change.</p>
      <div id="sc-downloads"></div></div>`);
  // the run as the API answered it, and the table by region with each figure's baseline and scenario in columns of their own
  $('#sc-downloads').replaceWith(downloadButtons('scenario run', { json: () => run, csv: () => regionCsv(r), testid: 'run-download',
    jsonName: fileName('scenario-run', run.id, 'json'), csvName: fileName('scenario-run', run.id, 'csv') }));
  drawRun(state, r);
}

/** The table "By region" as CSV: the page's columns, each "baseline → scenario" figure split in two, numbers unrounded. */
export function regionCsv(r) {
  const u = r.units, money = moneyUnit(u);
  const pair = (name, unit) => [`${name} baseline (${unit})`, `${name} scenario (${unit})`];
  return {
    header: ['region', ...pair('price', u.price), ...pair('production', u.quantity), ...pair('consumption', u.quantity),
      ...pair('net imports', u.quantity), `consumer surplus change (${money})`, `producer surplus change (${money})`,
      `public revenue change (${money})`, `quota rent change (${money})`, `stockpile account change (${money})`,
      `offtake margin change (${money})`, `net welfare change (${money})`],
    // a run recorded before the accounts by region were reported leaves their cells empty
    rows: r.regions.map(x => [x.id, x.price.baseline, x.price.scenario, x.production.baseline, x.production.scenario,
      x.consumption.baseline, x.consumption.scenario, x.net_imports.baseline, x.net_imports.scenario,
      x.consumer_surplus_change, x.producer_surplus_change,
      ...(x.welfare_change ? [x.welfare_change.public_revenue, x.welfare_change.quota_rents, x.welfare_change.stockpile,
        x.welfare_change.offtakes, x.welfare_change.total] : ['', '', '', '', ''])]),
  };
}

const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function drawRun(state, r) {
  const ids = r.regions.map(x => x.id);
  const u = r.units;
  // ECharts tooltips are HTML: every formatter below escapes what it shows
  const axisTip = unit => ({ trigger: 'axis', formatter: ps => esc(ps[0].axisValue) + ps.map(p => '<br>' + esc(p.seriesName) + ': ' + esc(num(p.value, 2)) + esc(unit)).join('') });
  const prices = chart($('#ch-prices'), `Prices by region (${u.price})`);
  if (!prices) return;
  prices.setOption({ tooltip: axisTip(' ' + u.price), legend: {}, grid: { left: 8, right: 12, bottom: 8 },
    xAxis: { type: 'category', data: ids }, yAxis: { type: 'value', name: u.price },
    series: [{ name: 'baseline', type: 'bar', data: r.regions.map(x => +x.price.baseline.toFixed(2)) },
             { name: 'scenario', type: 'bar', itemStyle: STRIPED, data: r.regions.map(x => +x.price.scenario.toFixed(2)) }] });
  const shares = chart($('#ch-shares'), 'Production shares by region (%)');
  shares.setOption({ tooltip: axisTip(' %'), legend: {}, grid: { left: 8, right: 12, bottom: 8 },
    xAxis: { type: 'category', data: ids }, yAxis: { type: 'value', name: '%' },
    series: ['baseline', 'scenario'].map(k => ({ name: k, type: 'bar', ...(k === 'scenario' ? { itemStyle: STRIPED } : {}),
      data: r.regions.map(x => +(x.production_share[k] * 100).toFixed(1)) })) });
  const t = r.totals, m = v => +moneyValue(v, u).toFixed(2);
  const fiscal = chart($('#ch-fiscal'), `Levy revenue and subsidy cost (${moneyUnit(u)})`);
  fiscal.setOption({ tooltip: axisTip(' ' + moneyUnit(u)), legend: {}, grid: { left: 8, right: 12, bottom: 8 },
    xAxis: { type: 'category', data: ['levy revenue', 'subsidy cost', 'tariff revenue', 'quota rents', 'export tax'] }, yAxis: { type: 'value' },
    series: ['baseline', 'scenario'].map(k => ({ name: k, type: 'bar', ...(k === 'scenario' ? { itemStyle: STRIPED } : {}), data: [t.levy_revenue[k], t.subsidy_outlay[k], t.tariff_revenue[k], t.quota_rents[k], t.export_tax_revenue[k]].map(m) })) });
  // exporters on the left, importers on the right (a trailing/leading space keeps the two sides apart)
  const links = r.flows.filter(f => f.flow.scenario > 1e-6).map(f => ({ source: f.from + ' ', target: ' ' + f.to, value: +f.flow.scenario.toFixed(1) }));
  const names = [...new Set(links.flatMap(l => [l.source, l.target]))];
  if (links.length) {
    const flows = chart($('#ch-flows'), `Trade flows (${u.quantity})`);
    flows.setOption({ aria: { label: { description: `Trade flows in the scenario (${u.quantity}): `
        + links.map(l => `${l.source.trim()} to ${l.target.trim()} ${num(l.value, 0)}`).join(', ') + '.' } }, tooltip: { formatter: p => p.dataType === 'edge' ? esc(p.data.source.trim() + ' → ' + p.data.target.trim() + ': ' + num(p.data.value, 0) + ' ' + u.quantity)
        : esc(p.name.trim()) }, series: [{ type: 'sankey', data: names.map(n => ({ name: n })), links, emphasis: { focus: 'adjacency' } }] });
  } else {
    show($('#ch-flows'), html`<div class="empty">No trade between regions in this scenario.</div>`);
  }
  const geo = await world();
  if (!state.view.alive || !$('#ch-map')) return;
  drawMap(state, r, geo);
}

// Each region is drawn over the countries it stands for (a regime group's members in the reference year, an
// aggregate's declared countries). A region's label and its flows sit at the label point of its country nearest
// the mean of its countries' label points, when they lie close together; a region spread over the world gets a
// place of its own in the ocean, labelled, instead of a point that would fall inside another region.
const SPREAD_DEGREES = 40;
const OCEAN_SPOTS = [[-35, -30], [-140, -20], [70, -35], [-30, 45]];
export function anchors(regions, members, world) {
  const byIso = {};
  for (const x of regions) (members[x.id] || []).forEach(c => { byIso[c] = x.id; });
  const anchor = {};
  let spot = 0;
  for (const x of regions) {
    const cps = world.features.filter(f => byIso[f.properties.iso2] === x.id).map(f => f.properties.cp);
    if (!cps.length) continue;
    const mean = [0, 1].map(i => cps.reduce((sum, cp) => sum + cp[i], 0) / cps.length);
    const dist = cp => Math.hypot(cp[0] - mean[0], cp[1] - mean[1]);
    const spread = Math.max(...cps.map(dist));
    // the member country nearest the mean: the label stays on the region's own land (a mean of KR, VN, TH, IN
    // and MM would fall in China)
    const nearest = cps.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    anchor[x.id] = spread > SPREAD_DEGREES ? OCEAN_SPOTS[spot++ % OCEAN_SPOTS.length] : nearest;
  }
  return { anchor, byIso };
}

function drawMap(state, r, world) {
  const u = r.units;
  const members = (state.info && state.info.region_members) || {};
  const { anchor, byIso } = anchors(r.regions, members, world);
  const byId = Object.fromEntries(r.regions.map(x => [x.id, x]));
  const data = world.features.map(f => {
    const reg = byId[byIso[f.properties.iso2]];
    return { name: f.properties.name, value: reg ? +reg.production.scenario.toFixed(0) : null, region: reg ? reg.id : null };
  });
  const max = Math.max(1, ...r.regions.map(x => x.production.scenario));
  const maxFlow = Math.max(1, ...r.flows.map(f => f.flow.scenario));
  const el = $('#ch-map'), mapChart = chart(el, 'World map of production and trade flows');
  // for screen readers: each region's production and the flows the map draws (the table by region has the rest)
  const flowText = r.flows.filter(f => f.flow.scenario > 1e-6).map(f => `${f.from} to ${f.to} ${num(f.flow.scenario, 0)}`);
  const description = `World map of the scenario: production (${u.quantity}) by region, ` + r.regions.map(x => `${x.id} ${num(x.production.scenario, 0)}`).join(', ')
    + (flowText.length ? `; trade flows (${u.quantity}), ${flowText.join(', ')}.` : '; no trade between regions.');
  // the colour scale off the land: on a narrow screen a bar under the map (the map's lower left is the Americas),
  // on a wide one upright at the left, the map kept clear of it
  const narrow = el.clientWidth < 700;
  const layout = n => ({
    visualMap: n ? { orient: 'horizontal', left: 'center', bottom: 6, itemWidth: 12, itemHeight: 120 }
      : { orient: 'vertical', left: 10, bottom: 10, itemWidth: 20, itemHeight: 140 },
    geo: { bottom: n ? 44 : 10 } });
  // and again when the page crosses the width (a window resized, a phone turned): the scale was laid out once, when drawn
  let wasNarrow = narrow;
  const ro = new ResizeObserver(() => {
    if (mapChart.isDisposed() || !el.isConnected) { ro.disconnect(); return; }
    const n = el.clientWidth < 700;
    if (el.clientWidth > 0 && n !== wasNarrow) { wasNarrow = n; mapChart.setOption(layout(n)); }
  });
  ro.observe(el);
  mapChart.setOption({
    aria: { label: { description } },
    tooltip: { formatter: p => p.seriesType === 'lines' ? esc(`${p.data.from} → ${p.data.to}: ${num(p.data.value, 0)} ${u.quantity}`)
      : p.seriesType === 'scatter' ? esc('region ' + p.name)
      : esc(p.name) + (p.data && p.data.region ? '<br>' + esc(`region ${p.data.region}: production ${num(p.value, 0)} ${u.quantity}`) : '') },
    // the scale's ends and handles as every figure of the page, thousands grouped and the unit ("68 403 t", not "68403")
    visualMap: { min: 0, max, text: ['more', 'less'], calculable: true, inRange: { color: ['#e8eef8', '#1f5fbf'] }, seriesIndex: 0,
      formatter: v => `${num(v, 0)} ${u.quantity}`,
      ...layout(narrow).visualMap },
    geo: { map: 'world-inhabited', roam: true, top: 10, bottom: layout(narrow).geo.bottom, left: 10, right: 10, boundingCoords: [[-180, 84], [180, -58]],
      itemStyle: { areaColor: '#f0f0f0', borderColor: '#bbb' }, emphasis: { disabled: true } },
    series: [{ type: 'map', geoIndex: 0, data },
      { type: 'lines', coordinateSystem: 'geo', zlevel: 1, effect: { show: true, symbol: 'arrow', symbolSize: 6, period: 5 },
        lineStyle: { color: '#b3261e', curveness: 0.25, opacity: 0.6 },
        data: r.flows.filter(f => f.flow.scenario > 1e-6 && anchor[f.from] && anchor[f.to]).map(f => ({ from: f.from, to: f.to,
          value: f.flow.scenario, coords: [anchor[f.from], anchor[f.to]], lineStyle: { width: 1 + 6 * f.flow.scenario / maxFlow } })) },
      { type: 'scatter', coordinateSystem: 'geo', zlevel: 2, symbolSize: 7, itemStyle: { color: '#1d2330' },
        label: { show: true, formatter: p => p.name, position: 'right', fontSize: 11, fontWeight: 'bold', backgroundColor: 'rgba(255,255,255,0.7)', padding: [1, 3] },
        data: Object.entries(anchor).map(([rid, cp]) => ({ name: rid, value: cp })) }] });
  mapControls(mapChart, el); // zoom and move by buttons and keys, not only by the mouse
}
