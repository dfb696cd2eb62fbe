// The Projects page (issue 14): the project registry as a table and on the world map, a project's
// valuation with and without support (NPV histogram, price fan), the floor-setting comparison and the
// priority ranking. Its own ES module: app.js only routes '#projects' here. Every piece of data reaches
// the page through the kit's builder (kit/dom.js h, also as el) — never innerHTML.
import { chart, world, mapControls, STRIPED } from './kit/charts.js';
import { escapeText, h, h as el } from './kit/dom.js';
import { fileText } from './kit/files.js';
import { show, formError, checkForm, clearErrors, announce, newest } from './kit/ui.js';
import { downloadButtons, fileName } from './kit/download.js';
import { today, num, fix } from './kit/format.js';
import { keepInput } from './kit/kept.js';
import { readTypedNumber, localeDecimal } from './kit/typed.js';


/**
 * A ranking's expected support ± its SE in whole M USD, as before; one that is not 0 but would read 0 is shown to its SE's
 * second significant digit (Clarksville's gallium circuit read "0 ± 0" beside 1,104 t/yr per M USD: 22.6 t/yr over 0.0204).
 */
function supportPm(mean, se) {
  if (typeof mean === 'number' && typeof se === 'number' && mean !== 0 && Math.abs(mean) < 0.5 && se > 0 && Number.isFinite(se)) {
    const d = Math.min(12, Math.max(1, 1 - Math.floor(Math.log10(se))));
    return `${fix(mean, d)} ± ${fix(se, d)}`;
  }
  return `${fmt(mean, 0)} ± ${fmt(se, 0)}`;
}

function fmt(v, digits = 1) {
  if (v === null || v === undefined || typeof v !== 'number' || Number.isNaN(v)) return typeof v === 'string' ? v : '—'; // the server's words
  return num(v, digits); // -0.3 to no decimals is 0, not "-0"; thousands grouped by thin spaces
}

/**
 * The centres of a histogram's bins (h.lo to h.hi in h.counts.length equal bins) as its axis's labels, with as few decimals
 * as tell each from the next: "1 909" for bins 50 wide, "78.39", "78.44"… for the bins 0.05 wide around a flat price
 * deck's single NPV (at no decimals they read 78, 78, 79, 79…: bars that seemed to stand at the same NPV).
 */
export function binLabels(h) {
  const n = h.counts.length, width = (h.hi - h.lo) / n;
  const centres = h.counts.map((_, i) => h.lo + (i + 0.5) * width);
  let labels = [];
  for (let digits = 0; digits <= 12; digits++) {
    labels = centres.map(c => fmt(c, digits));
    if (new Set(labels).size === n) break;
  }
  return labels;
}
/** "1 path", "10 000 paths". */
function count(n, word) { return `${fmt(n, 0)} ${word}${Number(n) === 1 ? '' : 's'}`; }
function pct(v) { return typeof v === 'number' ? fmt(v * 100, 1) + ' %' : '—'; }
/**
 * A share of n paths with its sampling error, as `lodestone value` says it (docs/valuation.md): 74.0 ± 3.1 % — the SE
 * √(p(1 − p)/n) in points to two significant digits, the share to the same place, at least one decimal; where no path or
 * every path gave it (an SE of 0 would claim certainty) the 95 % Wilson bound z²/(n + z²) rounded up: 0.0 % (≤ 1.9 % at 95 %).
 */
function pctPm(v, n) {
  if (typeof v !== 'number' || !Number.isFinite(v) || !(n >= 2)) return pct(v);
  const places = x => { const s = String(Number(x.toPrecision(2))); return s.includes('e') ? 12 : (s.split('.')[1] || '').length; };
  if (v === 0 || v === 1) {
    const z2 = 1.959963984540054 ** 2, b = 100 * z2 / (n + z2);
    const d = Math.max(0, 1 - Math.floor(Math.log10(b)));
    const up = Math.ceil(b * 10 ** d - 1e-9) / 10 ** d;
    return `${pct(v)} (${v === 0 ? '≤ ' + fix(up, d) : '≥ ' + fix(100 - up, d)} % at 95 %)`;
  }
  const se = 100 * Math.sqrt(v * (1 - v) / n), d = Math.max(1, places(se));
  return `${fix(100 * v, d)} ± ${fmt(Number(se.toPrecision(2)), places(se))} %`;
}

// in a .table-wrap box: a wide table scrolls sideways inside its card (at 390 px) instead of widening the page
// stacked (style.css table.stacked): at phone width a row is a block, its first cell on top, each other cell under it with its
// column's name (data-label) beside it, rather than ten columns scrolled sideways
function table(headers, rows, testid, { stacked = false } = {}) {
  const label = i => stacked && i > 0 && headers[i] ? headers[i] : undefined;
  return el('div', { class: 'table-wrap' }, el('table', { testid, class: stacked ? 'stacked' : undefined },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h || el('span', { class: 'sr-only' }, 'figure'))))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => c instanceof Node ? el('td', { 'data-label': label(i) }, c)
      : el('td', { class: String(c ?? '').length > 40 ? 'prose' : undefined, 'data-label': label(i) }, c === undefined ? '' : String(c))))))));
}

// An API error on a form names the field by its label and marks it (kit/ui.js); fieldMap: API field → control name.
function showFormError(out, form, e, fieldMap) {
  show(out, formError(form, e, fieldMap));
}

// charts with the kit's lifecycle (disposed when replaced or when the page changes) and its world map (rings clipped at 180°)
function chartIn(box, name) {
  return chart(box, name);
}

export async function projectsPage(main, api, view = { alive: true }) {
  main.replaceChildren();
  main.append(el('h1', {}, 'Projects'),
    el('p', { class: 'lead' }, 'Real projects with a source or a stated assumption for every figure (docs/projects-format.md). ' +
      'Value one with and without a floor, a contract for difference or an offtake (Monte Carlo on the market\'s price process); ' +
      'compare ways of setting a floor; rank projects by supply-risk reduction per dollar of expected public support. ' +
      'A project\'s name opens it: every figure with its source, its financing, ESG and its screening on a date.'));
  const reg = await api('/api/projects');
  if (!view.alive) return;
  const projects = reg.projects;
  const markets = reg.markets;

  // --- registry: table and map
  const regCard = el('div', { class: 'card' }, el('h2', {}, 'Registry'));
  regCard.append(table(['project', 'name', 'country', 'stage', 'status', 'start', 'product', 't/yr', 'capex M USD', 'opex', 'support'],
    // each project's name opens it (#projects/ID): its figures with their sources, financing and screening (../project.js)
    projects.map(p => [p.id, h('a', { href: '#projects/' + encodeURIComponent(p.id), 'data-testid': 'project-link' }, p.name), p.country, p.stage, p.status, p.start_year, p.product, fmt(p.capacity_t_per_year, 0),
      fmt(p.capex_musd, 0), fmt(p.opex, 2), p.support || '']), 'projects-table', { stacked: true }));
  const mapBox = el('div', { class: 'chart', style: 'height:360px', testid: 'projects-map' });
  regCard.append(mapBox);
  main.append(regCard);
  drawMap(mapBox, projects);

  // --- your own files (as --projects): read with the bundled registry, then sent with each valuation, comparison and ranking
  // below; the server keeps nothing (docs/api.md, POST /api/project-files)
  let own = null; // {files: [{name, text}], projects, screening, markets} once read
  const withOwn = body => (own ? { ...body, files: own.files } : body);
  const ownCard = el('div', { class: 'card', testid: 'own-files' }, el('h2', {}, 'Your own project or market files'),
    el('p', { class: 'hint' }, 'As lodestone projects, value, floor and rank --projects FILE: a project file or a markets file ' +
      '(docs/projects-format.md) read with the bundled registry, every problem at its line and field. Once read, its projects and ' +
      'markets can be valued, compared and ranked below with the bundled ones. The files are sent with each calculation and ' +
      'never stored on the server: leaving the page forgets what was read. A pasted file, its name and the date are kept while the tab is ' +
      'open (read them again when you come back; a chosen file is chosen again), and forgotten on signing out.'));
  const upload = el('input', { type: 'file', name: 'upload', multiple: '', accept: '.yaml,.yml,text/yaml,text/plain', testid: 'own-upload' });
  const pastedName = el('input', { name: 'pasted_name', value: 'my-project.yaml', maxlength: '120', testid: 'own-name' });
  const pasted = el('textarea', { name: 'text', rows: '8', class: 'mono', spellcheck: 'false', testid: 'own-text',
    placeholder: 'project: my-project\nname: …\nmarket: ndpr\n…' });
  const screenOn = el('input', { name: 'date', type: 'date', value: today(), required: '', testid: 'own-date' });
  const ownOut = el('div', { testid: 'own-result', 'aria-live': 'polite' });
  const ownForm = el('form', { novalidate: '' },
    el('div', { class: 'row' }, el('label', {}, 'Files', upload), el('label', {}, 'Name of the pasted file', pastedName),
      el('label', {}, 'Screening date (entity lists as of)', screenOn)),
    el('label', { class: 'block' }, 'Or paste a file', pasted),
    el('div', { class: 'row gap-top' }, el('button', { type: 'submit', testid: 'own-read' }, 'Read'),
      el('button', { type: 'button', class: 'secondary', testid: 'own-forget' }, 'Forget them')));
  const ownGroups = [];
  const forget = () => {
    own = null;
    ownGroups.splice(0).forEach(g => g.remove());
  };
  ownForm.querySelector('[data-testid=own-forget]').addEventListener('click', () => {
    forget();
    upload.value = '';
    pasted.value = '';
    keepOwn();
    ownOut.replaceChildren(el('p', { class: 'hint' }, 'Forgotten: the bundled registry only.'));
    announce('Your files are forgotten');
  });
  ownForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(ownOut, view);
    const bad = checkForm(ownForm);
    if (bad) { show(ownOut, bad); return; }
    const files = [];
    try {
      for (const f of upload.files) files.push({ name: f.name, text: await fileText(f).catch(e => { throw new Error(`${f.name}: ${e.message}`); }) });
    } catch (e) { show(ownOut, formError(ownForm, { field: upload.name, message: e.message })); return; }
    if (pasted.value.trim()) files.push({ name: pastedName.value.trim() || 'my-project.yaml', text: pasted.value });
    if (!files.length) { show(ownOut, formError(ownForm, { field: 'text', message: 'text: empty; choose a file or paste one' })); return; }
    ownOut.replaceChildren(el('p', { class: 'hint' }, 'Reading…'));
    try {
      const r = await api('/api/project-files?date=' + encodeURIComponent(screenOn.value), { method: 'POST', body: { files } });
      if (!run.alive) return;
      forget();
      own = { files, date: screenOn.value, ...r };
      showOwn(ownOut, own);
      // their projects join the valuation's list, their markets the floors' and ranking's (a market without a scenario: valuation only)
      const group = (label, items) => { const g = el('optgroup', { label }, items); ownGroups.push(g); return g; };
      if (r.projects.length) sel.prepend(group('Your files', r.projects.map(p => el('option', { value: p.id }, `${p.id} — ${p.name}`))));
      if (r.projects.length) sel.value = r.projects[0].id;
      if (r.projects.length) swSel.prepend(group('Your files', r.projects.map(p => el('option', { value: p.id }, `${p.id} — ${p.name}`))));
      const scenarioMarkets = r.markets.filter(m => m.scenario);
      if (scenarioMarkets.length) {
        fm.prepend(group('Your files', scenarioMarkets.map(m => el('option', { value: m.id }, `${m.id} — ${m.product} (${m.price_unit})`))));
        rm.prepend(group('Your files', scenarioMarkets.map(m => el('option', { value: m.id }, `${m.id} — ${m.product}`))));
      }
      announce(`Read ${files.length} file${files.length === 1 ? '' : 's'}: ${r.projects.length} projects, ${r.markets.length} markets`);
    } catch (e) {
      if (!run.alive) return;
      forget(); // what the page shows is what is used: after a refusal, the bundled registry only
      ownOut.replaceChildren(fileProblems(e));
    }
  });
  ownCard.append(ownForm, ownOut);
  main.append(ownCard);

  // --- valuation
  const valCard = el('div', { class: 'card' }, el('h2', {}, 'Valuation with and without support'));
  const sel = el('select', { name: 'project', testid: 'value-project' }, projects.map(p => el('option', { value: p.id }, `${p.id} — ${p.name}`)));
  const supportSel = el('select', { name: 'support', testid: 'value-support' },
    ['stated', 'floor', 'cfd', 'offtake'].map(s => el('option', { value: s }, { stated: 'as the project states', floor: 'price floor', cfd: 'two-way CfD', offtake: 'offtake PRICE:VOLUME' }[s])));
  const price = el('input', { name: 'price', placeholder: 'e.g. 110 or 90:2000', testid: 'value-price' });
  const share = el('input', { name: 'upside', type: 'text', inputmode: 'decimal', 'data-number': 'decimal', autocomplete: 'off', min: '0', max: '1', placeholder: 'upside share', testid: 'value-upside' });
  const paths = el('input', { name: 'paths', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '20000', min: '1', max: '200000', required: '', testid: 'value-paths' });
  const seed = el('input', { name: 'seed', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '1', placeholder: '1', testid: 'value-seed' });
  // Price is read only for a support given here, Upside share only for a floor: a field the valuation would not read is
  // disabled and says so, never typed into and silently ignored
  const syncSupport = () => {
    const stated = supportSel.value === 'stated';
    price.disabled = stated;
    price.placeholder = stated ? 'not used: the project\'s own support' : 'e.g. 110 or 90:2000';
    share.disabled = supportSel.value !== 'floor';
    share.placeholder = share.disabled ? 'floor only' : 'upside share';
  };
  supportSel.addEventListener('change', syncSupport);
  syncSupport();
  const out = el('div', { testid: 'value-result' });
  const form = el('form', { class: 'row', novalidate: '' },
    el('label', {}, 'Project', sel), el('label', {}, 'Support', supportSel), el('label', {}, 'Price', price),
    el('label', {}, 'Upside share (floor)', share), el('label', {}, 'Paths', paths), el('label', {}, 'Seed', seed),
    el('button', { type: 'submit', testid: 'value-run' }, 'Value'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(out, view);
    const bad = checkForm(form); // an empty Paths field is refused here, never sent as 0
    if (bad) { show(out, bad); return; }
    const body = { project: sel.value, paths: Number(paths.value) };
    if (seed.value.trim() !== '') body.seed = Number(seed.value); // empty: the API's default seed (1)
    if (supportSel.value !== 'stated') body[supportSel.value] = price.value.trim();
    if (supportSel.value === 'floor' && share.value !== '') body.upside_share = Number(share.value);
    out.replaceChildren(el('p', { class: 'hint' }, 'Simulating…'));
    try {
      const r = await api('/api/valuations', { method: 'POST', body: withOwn(body) });
      if (!run.alive) return;
      clearErrors(form);
      showValuation(out, r);
      announce(`Valuation of ${r.project} done: NPV mean ${fmt(r.npv_with.mean, 0)} M USD with support, ${fmt(r.npv_without.mean, 0)} without`);
    } catch (e) {
      if (run.alive && e.code === 'invalid_project_file') out.replaceChildren(fileProblems(e));
      else if (run.alive) showFormError(out, form, e, { floor: 'price', cfd: 'price', offtake: 'price', upside_share: 'upside' });
    }
  });
  valCard.append(form, out);
  main.append(valCard);

  // --- floor sweep: several floor levels (and terms) on the same paths, a row each (POST /api/floor-sweeps)
  const sweepCard = el('div', { class: 'card', testid: 'sweep' }, el('h2', {}, 'Floor sweep: several levels on the same paths'),
    el('p', { class: 'hint' }, 'As lodestone value PROJECT --floor 2000 --floor 2500: the project valued at each floor level for each term, '
      + 'every one on the same price paths (same seed), so the differences between rows are the floor\'s. Levels in the market\'s price '
      + 'unit and terms in years, each separated by ";" (a comma may be a decimal or thousands separator).'));
  const swSel = el('select', { name: 'project', testid: 'sweep-project' }, projects.map(p => el('option', { value: p.id }, `${p.id} — ${p.name}`)));
  const swLevels = el('input', { name: 'levels', placeholder: 'e.g. 2000; 2500; 3000', size: '24', autocomplete: 'off', testid: 'sweep-levels' });
  const swYears = el('input', { name: 'years', value: '10', placeholder: 'e.g. 10; 11', size: '10', autocomplete: 'off', testid: 'sweep-years' });
  const swPaths = el('input', { name: 'paths', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '5000', min: '1', max: '200000', required: '', testid: 'sweep-paths' });
  const swSeed = el('input', { name: 'seed', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '1', placeholder: '1', testid: 'sweep-seed' });
  const swOut = el('div', { testid: 'sweep-result' });
  const swForm = el('form', { class: 'row', novalidate: '' },
    el('label', {}, 'Project', swSel), el('label', {}, 'Floor levels', swLevels), el('label', {}, 'Support years', swYears),
    el('label', {}, 'Paths (each level)', swPaths), el('label', {}, 'Seed', swSeed), el('button', { type: 'submit', testid: 'sweep-run' }, 'Sweep'));
  swForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(swOut, view);
    const bad = checkForm(swForm);
    if (bad) { show(swOut, bad); return; }
    let floors, years;
    try {
      floors = listOf(swLevels.value, 'levels', t => {
        const r = readTypedNumber(t, localeDecimal(navigator.language));
        if (r.error) throw new Error(r.error);
        return r.value;
      });
      years = swYears.value.trim() === '' ? [] : listOf(swYears.value, 'years', t => {
        if (!/^\d+$/.test(t)) throw new Error(`"${t}" is not a whole number of years (0 = the whole life)`);
        return Number(t);
      });
    } catch (e) {
      show(swOut, formError(swForm, { field: e.field, message: `${e.field}: ${e.message}` }));
      return;
    }
    const body = { project: swSel.value, floors, paths: Number(swPaths.value) };
    if (years.length) body.support_years = years;
    if (swSeed.value.trim() !== '') body.seed = Number(swSeed.value);
    swOut.replaceChildren(el('p', { class: 'hint' }, `Valuing ${floors.length * Math.max(1, years.length)} floors on the same paths…`));
    try {
      const r = await api('/api/floor-sweeps', { method: 'POST', body: withOwn(body) });
      if (!run.alive) return;
      clearErrors(swForm);
      showSweep(swOut, r);
      announce(`Floor sweep of ${r.project} done: ${r.levels.length} rows`);
    } catch (e) {
      if (run.alive && e.code === 'invalid_project_file') swOut.replaceChildren(fileProblems(e));
      else if (run.alive) showFormError(swOut, swForm, e, { floors: 'levels', support_years: 'years' });
    }
  });
  sweepCard.append(swForm, swOut);
  main.append(sweepCard);

  // --- floors
  const floorCard = el('div', { class: 'card' }, el('h2', {}, 'Setting a floor: methods side by side'));
  const withScenario = markets.filter(m => m.scenario);
  const fm = el('select', { name: 'market', testid: 'floor-market' }, withScenario.map(m => el('option', { value: m.id }, `${m.id} — ${m.product} (${m.price_unit})`)));
  const methods = el('input', { name: 'methods', value: 'percentile:75,marginal:8000,band:5:0.2', size: '40', testid: 'floor-methods',
    placeholder: 'empty: the server\'s three defaults' });
  const floorOut = el('div', { testid: 'floor-result' });
  const ff = el('form', { class: 'row', novalidate: '' }, el('label', {}, 'Market', fm), el('label', {}, 'Methods', methods), el('button', { type: 'submit', testid: 'floor-run' }, 'Compare'));
  ff.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(floorOut, view);
    floorOut.replaceChildren(el('p', { class: 'hint' }, 'Solving the market with each floor…'));
    const asked = methods.value.trim();
    try {
      // an empty Methods field is not sent: the API then compares its defaults (docs/api.md), which the answer names
      const market = fm.value;
      // with your files: the same comparison as a POST carrying them (GET: the bundled registry's, kept by the server)
      const r = own ? await api(`/api/floors/${encodeURIComponent(market)}`, { method: 'POST', body: withOwn(asked ? { methods: asked } : {}) })
        : await api(`/api/floors/${encodeURIComponent(market)}` + (asked ? `?methods=${encodeURIComponent(asked)}` : ''));
      if (!run.alive) return;
      clearErrors(ff);
      const used = r.methods.map(x => x.method).join(', ');
      announce(`Floors compared: ${used}`);
      floorOut.replaceChildren(
        el('p', { testid: 'floor-methods-used' }, asked ? `Methods compared: ${used}.`
          : `No methods given: the server compared its defaults — ${used} (each explained under "how").`),
        table(['method', `floor (${r.price_unit})`, 'how', 'supply brought t/yr', 'levy M USD/yr', 'CfD cost M USD (PV)'],
          r.methods.map(x => [x.method, fmt(x.floor, 2), x.rationale, fmt(x.supply_brought_t, 0), fmt(x.levy_revenue_musd_per_year, 1),
            `${fmt(x.cfd_expected_fiscal_cost_musd_pv, 0)} ± ${fmt(x.cfd_expected_fiscal_cost_se, 0)}`]), 'floor-table', { stacked: true }),
        el('p', { class: 'hint' }, `Club ${r.club.join(', ')}; baseline club production ${fmt(r.baseline_club_production_t, 0)} t/yr; cost curve: ${r.cost_curve.source}.`),
        r.cfd_basis ? el('p', { class: 'hint', testid: 'cfd-basis' }, `CfD cost basis: ${r.cfd_basis}.`) : '',
        el('p', { class: 'hint', testid: 'floor-money-basis' }, `Money: M USD, ${r.money_basis}.`),
        r.note ? el('p', { class: 'hint', testid: 'floor-note' }, `Note: ${r.note}.`) : '',
        downloadButtons('floor comparison', { json: () => r, csv: () => floorCsv(r), testid: 'floor-download',
          jsonName: fileName('floors', market, 'json'), csvName: fileName('floors', market, 'csv') }));
    } catch (e) { if (run.alive) showFormError(floorOut, ff, e); }
  });
  floorCard.append(ff, floorOut);
  main.append(floorCard);

  // --- ranking
  const rankCard = el('div', { class: 'card' }, el('h2', {}, 'Priority ranking'));
  const rm = el('select', { name: 'market', testid: 'rank-market' }, withScenario.map(m => el('option', { value: m.id }, `${m.id} — ${m.product}`)));
  const rankOut = el('div', { testid: 'rank-result' });
  const rf = el('form', { class: 'row', novalidate: '' }, el('label', {}, 'Market', rm), el('button', { type: 'submit', testid: 'rank-run' }, 'Rank'));
  rf.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(rankOut, view);
    rankOut.replaceChildren(el('p', { class: 'hint' }, 'Solving the market under a Chinese export ban with each project…'));
    try {
      const market = rm.value;
      const r = own ? await api(`/api/rankings/${encodeURIComponent(market)}`, { method: 'POST', body: withOwn({}) })
        : await api(`/api/rankings/${encodeURIComponent(market)}`);
      if (!run.alive) return;
      clearErrors(rf);
      announce(`Ranking done: ${r.ranking.length} projects`);
      rankOut.replaceChildren(
        el('p', {}, `Risk metric: ${r.risk_metric}. The club (${r.club.join(', ')}) consumes ${fmt(r.club_consumption_t, 0)} t/yr; a ban cuts ${fmt(r.shortfall_t, 0)} t/yr.`),
        table(['rank', 'project', 'region', 'new t/yr', `levelised cost (${r.price_unit})`, 'breakeven', 'risk reduction t/yr', 'expected support M USD', 't/yr per M USD', 'public financing M USD'],
          r.ranking.map(x => [x.rank, x.project, x.region, fmt(x.new_capacity_t, 0), fmt(x.levelised_cost, 2),
            x.pays_back === false ? 'none (no price pays back)' : x.breakeven_price === null ? 'any price (none needed)' : fmt(x.breakeven_price, 2),
            fmt(x.risk_reduction_t, 0), x.pays_back === false ? 'no floor makes it bankable' : supportPm(x.expected_support_musd, x.expected_support_se),
            fmt(x.reduction_per_musd, 2), fmt(x.public_financing_musd, 0)]), 'rank-table', { stacked: true }),
        r.support_basis ? el('p', { class: 'hint', testid: 'support-basis' }, `Support basis: ${r.support_basis}.`) : '',
        el('p', { class: 'hint', testid: 'rank-money-basis' }, `Money: M USD, ${r.money_basis}.`),
        downloadButtons('priority ranking', { json: () => r, csv: () => rankingCsv(r), testid: 'rank-download',
          jsonName: fileName('ranking', market, 'json'), csvName: fileName('ranking', market, 'csv') }));
    } catch (e) { if (run.alive) showFormError(rankOut, rf, e); }
  });
  rankCard.append(rf, rankOut);

  // what was typed or chosen survives a visit to another page (kit/kept.js): the pasted file, its name and date, the
  // valuation's options, the floors' market and methods, the ranking's market; a choice of a project or market of your own
  // files, not read again yet, falls back to the first bundled one
  const keepOwn = keepInput('projects.own', [pastedName, pasted, screenOn]);
  keepInput('projects.value', [sel, supportSel, price, share, paths, seed]);
  keepInput('projects.floor', [fm, methods]);
  keepInput('projects.sweep', [swSel, swLevels, swYears, swPaths, swSeed]);
  keepInput('projects.rank', [rm]);
  for (const s of [sel, fm, rm]) if (!s.value && s.options.length) s.selectedIndex = 0;
  syncSupport();
  main.append(rankCard);
}

// ---- the tables as CSV: the page's columns, a "mean ± SE" cell split into two columns, numbers unrounded

/** The floor comparison's table. */
export function floorCsv(r) {
  return {
    header: ['method', `floor (${r.price_unit})`, 'how', 'supply brought t/yr', 'levy M USD/yr', 'CfD cost M USD (PV)', 'CfD cost standard error M USD'],
    rows: r.methods.map(x => [x.method, x.floor, x.rationale, x.supply_brought_t, x.levy_revenue_musd_per_year,
      x.cfd_expected_fiscal_cost_musd_pv, x.cfd_expected_fiscal_cost_se]),
  };
}

/** The priority ranking's table; a breakeven or support the page words ("none", "any price") is left empty. */
export function rankingCsv(r) {
  return {
    header: ['rank', 'project', 'region', 'new t/yr', `levelised cost (${r.price_unit})`, 'breakeven', 'pays back', 'risk reduction t/yr',
      'expected support M USD', 'expected support standard error M USD', 't/yr per M USD', 'public financing M USD'],
    rows: r.ranking.map(x => [x.rank, x.project, x.region, x.new_capacity_t, x.levelised_cost, x.breakeven_price, x.pays_back,
      x.risk_reduction_t, x.pays_back === false ? null : x.expected_support_musd, x.pays_back === false ? null : x.expected_support_se,
      x.reduction_per_musd, x.public_financing_musd]),
  };
}

/** The valuation's table: one figure a row (each of the page's "a / b / c" cells on rows of its own), with and without support. */
export /** What the project's file adds to the valuation (closure, working capital, the discounting convention): a line, or none. */
function valuedFromFile(r) {
  const parts = [];
  if (r.closure) {
    const c = r.closure;
    parts.push(`closure and rehabilitation ${fmt(c.cost_musd, 1)} M USD ` + (c.first_year === c.last_year ? `in ${c.first_year}` : `over ${c.first_year}–${c.last_year}`));
  }
  if (r.working_capital) {
    const w = r.working_capital, days = f => (f ? f.value : 0);
    parts.push(`working capital of ${days(w.receivables_days)} days of receivables, ${days(w.inventory_days)} of inventory and ${days(w.payables_days)} of payables`);
  }
  if (r.discounting) parts.push(`${r.discounting} discounting`);
  return parts.length ? [el('p', { class: 'hint', testid: 'value-from-file' }, `Valued from the project's file: ${parts.join('; ')}.`)] : [];
}

function valuationCsv(r) {
  const w = r.npv_with, o = r.npv_without, iw = r.irr_with, io = r.irr_without;
  return {
    header: ['figure', 'with support', 'without'],
    rows: [
      ['NPV mean (M USD)', w.mean, o.mean], ['NPV standard error (M USD)', w.standard_error, o.standard_error],
      ['NPV P10 (M USD)', w.p10, o.p10], ['NPV P50 (M USD)', w.p50, o.p50], ['NPV P90 (M USD)', w.p90, o.p90],
      ['IRR P10', iw.p10, io.p10], ['IRR P50', iw.p50, io.p50], ['IRR P90', iw.p90, io.p90],
      ['paths without an IRR in [-99 %, 1,000 %]', r.irr_undefined_paths_with, r.irr_undefined_paths_without],
      ['probability of loss', r.probability_of_loss_with, r.probability_of_loss_without],
      [`breakeven flat price (${r.price_unit})`, r.breakeven_price_with, r.breakeven_price_without],
      [`debt capacity at DSCR ${r.debt_capacity.target_dscr} (mean CFADS; M USD)`, r.debt_capacity.on_mean_cfads_with, r.debt_capacity.on_mean_cfads_without],
    ],
  };
}

async function drawMap(box, projects) {
  if (!window.echarts) { setTimeout(() => drawMap(box, projects), 200); return; }
  await world();
  const c = chartIn(box, 'Map of the projects');
  if (!c) return;
  c.setOption({
    // the text for screen readers: every project and where it is (the registry's table above has the rest)
    aria: { label: { description: `Map of the ${projects.length} projects: ` + projects.map(p => `${p.name} (${p.country}, ${p.status})`).join('; ') + '.' } },
    tooltip: { formatter: p => p.data && p.data.label ? escapeText(p.data.label) : '' }, // ECharts tooltips are HTML
    geo: { map: 'world', roam: true, itemStyle: { areaColor: '#f0f0f0', borderColor: '#bbb' }, emphasis: { disabled: true } },
    series: [{ type: 'scatter', coordinateSystem: 'geo', symbolSize: 10, itemStyle: { color: '#1f5fbf' },
      data: projects.map(p => ({ name: p.id, value: [p.lon, p.lat], label: `${p.name} — ${p.status}, ${fmt(p.capacity_t_per_year, 0)} t/yr ${p.product}` })) }]
  });
  mapControls(c, box); // zoom and move by buttons and keys, not only by the mouse
}

/** The paths whose NPV falls outside the histogram's range: said under it, not left out silently. */
function histogramOutside(r) {
  const part = (h, side) => (h && (h.below || h.above) ? `${side}: ${fmt(h.below || 0, 0)} below ${fmt(h.lo, 0)} and ${fmt(h.above || 0, 0)} above ${fmt(h.hi, 0)}` : null);
  const parts = [part(r.histogram_with, 'with support'), part(r.histogram_without, 'without')].filter(Boolean);
  return parts.length ? el('p', { class: 'hint', testid: 'histogram-outside' }, `Paths outside the bars (M USD) — ${parts.join('; ')}.`) : null;
}

/** Whether the valuation had debt service: the API's DSCR figures are null without it. */
function hasDebt(r) { return r.dscr && typeof r.dscr.mean_of_min === 'number'; }

/** "10 years at 4.9 % real", "10 years at 8.0 % (no debt stated)": the terms the debt capacity is sized at. */
function debtTerms(r) {
  const dc = r.debt_capacity;
  return `${fmt(dc.tenor, 0)} years at ${pct(dc.real_rate)}${!hasDebt(r) ? ' (no debt stated)' : dc.inflation ? ' real' : ''}`;
}

/**
 * The DSCR over the years with debt service, as `lodestone value` prints it (the page showed none: a lender saw the debt
 * capacity and not whether the project's own debt is covered).
 */
function dscrLine(r) {
  if (!hasDebt(r)) return el('p', { testid: 'value-dscr' }, 'DSCR: none (the project has no debt service).');
  const d = r.dscr, x = v => `${fmt(v, 2)}×`;
  return el('p', { testid: 'value-dscr' }, `DSCR${r.support === 'no support' ? '' : ' under support'}: minimum ${x(d.mean_of_min)} on average `
    + `(P10 ${x(d.p10_of_min)}), average ${x(d.mean_of_average)}; P(minimum < 1.00×) ${pctPm(d.probability_min_below_1, r.paths)}.`);
}

/**
 * A list typed in one field, its items separated by ";" (a comma may be a typed number's decimal or thousands separator):
 * each read by read(text), which throws with the reason; an empty item is refused, and so is an empty field. The error
 * thrown carries the field's name.
 */
function listOf(text, field, read) {
  const items = String(text).split(';').map(t => t.trim());
  try {
    if (items.length === 1 && items[0] === '') throw new Error('empty; give one or more, separated by ";"');
    items.forEach((t, i) => { if (t === '') throw new Error(`item ${i + 1} is empty; separate the items by one ";"`); });
    return items.map(read);
  } catch (e) { e.field = field; throw e; }
}

/** A floor sweep's table: the project without support, then a row per level and term; the warnings once, with their levels. */
function showSweep(out, r) {
  const debt = r.has_debt;
  const x = v => (typeof v === 'number' ? `${fmt(v, 2)}×` : '—');
  const level = v => fmt(v, Math.min(4, (String(v).split('.')[1] || '').length)); // as many decimals as the level has (110.5 is not 111)
  const head = [`floor (${r.price_unit})`, 'years', 'NPV mean ± SE (M USD)', 'P(loss)'];
  if (debt) head.push('min DSCR mean', 'min DSCR P10', 'P(min DSCR < 1.00×)');
  head.push('fiscal cost ± SE (M USD)');
  if (debt) head.push('support ends before the debt');
  const row = (cells, dscr, [cost, warn]) => [...cells, ...(debt ? dscr : []), cost, ...(debt ? [warn] : [])];
  const rows = [row(['none', '', `${fmt(r.without.npv_mean, 1)} ± ${fmt(r.without.npv_se, 2)}`, pctPm(r.without.probability_of_loss, r.paths)], ['', '', ''], ['', ''])];
  for (const l of r.levels) {
    rows.push(row([level(l.floor), l.support_years === 0 ? 'life' : String(l.support_years), `${fmt(l.npv_mean, 1)} ± ${fmt(l.npv_se, 2)}`,
      pctPm(l.probability_of_loss, r.paths)], [x(l.dscr_mean_of_min), x(l.dscr_p10_of_min), pctPm(l.probability_min_dscr_below_1, r.paths)],
    [`${fmt(l.expected_fiscal_cost_mean, 1)} ± ${fmt(l.expected_fiscal_cost_se, 2)}`, l.support_ends_before_debt ? 'yes (below)' : 'no']));
  }
  const warned = new Map();
  for (const l of r.levels) {
    if (l.support_ends_before_debt) warned.set(l.support_ends_before_debt, [...(warned.get(l.support_ends_before_debt) || []), level(l.floor)]);
  }
  out.replaceChildren(
    el('p', {}, `${r.project}: ${fmt(r.paths, 0)} paths, seed ${r.seed}, the same paths at every level; ${r.first_year}–${r.last_year}; `
      + `money in M USD, ${r.money_basis}.`),
    table(head, rows, 'sweep-table', { stacked: true }),
    el('p', { class: 'hint' }, 'The first row is the project without support. Fiscal cost: the PV of the top-ups at the public discount rate; '
      + '± is one standard error.' + (debt ? '' : ' DSCR: none, the project has no debt service.')),
    ...[...warned].map(([w, levels]) => el('p', { class: 'warn', testid: 'sweep-warning' }, `warning at ${levels.join(', ')} ${r.price_unit}: ${w}`)),
    ...(r.warnings || []).map(w => el('p', { class: 'warn', testid: 'sweep-warning' }, `warning: ${w}`)));
}

function showValuation(out, r) {
  const rows = [
    ['NPV mean ± SE (M USD)', `${fmt(r.npv_with.mean, 0)} ± ${fmt(r.npv_with.standard_error, 1)}`, `${fmt(r.npv_without.mean, 0)} ± ${fmt(r.npv_without.standard_error, 1)}`],
    ['NPV P10 / P50 / P90 (M USD)', `${fmt(r.npv_with.p10, 0)} / ${fmt(r.npv_with.p50, 0)} / ${fmt(r.npv_with.p90, 0)}`, `${fmt(r.npv_without.p10, 0)} / ${fmt(r.npv_without.p50, 0)} / ${fmt(r.npv_without.p90, 0)}`],
    ['IRR P10 / P50 / P90', `${pct(r.irr_with.p10)} / ${pct(r.irr_with.p50)} / ${pct(r.irr_with.p90)}`, `${pct(r.irr_without.p10)} / ${pct(r.irr_without.p50)} / ${pct(r.irr_without.p90)}`],
    // an IRR shown as '—' is not missing data: on those paths the cash flows have no rate of return in [−99 %, 1,000 %]
    // (e.g. never negative, or never positive); say on how many, or the dashes read as a fault (reported by a review)
    ['paths without an IRR in [−99 %, 1\u202f000 %]', `${fmt(r.irr_undefined_paths_with, 0)} of ${fmt(r.paths, 0)}`,
      `${fmt(r.irr_undefined_paths_without, 0)} of ${fmt(r.paths, 0)}`],
    // with its sampling error: a share of the paths, known to ±√(p(1 − p)/n) (it read 0.0 % on 200 paths, as if certain)
    ['probability of loss', pctPm(r.probability_of_loss_with, r.paths), pctPm(r.probability_of_loss_without, r.paths)],
    // every figure with its unit: the breakeven in the market's price unit, the debt capacity in money as the NPVs
    [`breakeven flat price (${r.price_unit})`, fmt(r.breakeven_price_with, 2), fmt(r.breakeven_price_without, 2)],
    // sized at the project's debt's tenor and real rate, or 10 years at 8 % without one, as `lodestone value` says
    [`debt capacity at DSCR ${r.debt_capacity.target_dscr}, ${debtTerms(r)} (mean CFADS; M USD)`, fmt(r.debt_capacity.on_mean_cfads_with, 0), fmt(r.debt_capacity.on_mean_cfads_without, 0)],
    ['debt capacity (P10 CFADS; M USD)', fmt(r.debt_capacity.on_p10_cfads_with, 0), fmt(r.debt_capacity.on_p10_cfads_without, 0)],
  ];
  const hist = el('div', { class: 'chart', style: 'height:300px', testid: 'npv-histogram' });
  const fan = el('div', { class: 'chart price-fan', testid: 'price-fan' }); // taller at 390 px, where its legend takes five rows
  out.replaceChildren(
    el('p', {}, `${r.project}: ${r.support}. ${count(r.paths, 'path')} × ${count(r.years, 'year')} (${r.first_year}–${r.last_year}), seed ${r.seed}, ${r.elapsed_ms} ms. Money: M USD, ${r.money_basis}.`),
    table(['', 'with support', 'without'], rows, 'value-table'),
    el('p', { class: 'hint', testid: 'value-not-modelled' }, `Not modelled: ${r.not_modelled}.`),
    ...valuedFromFile(r),
    dscrLine(r),
    ...(r.warnings || []).map(w => el('p', { class: 'warn', testid: 'value-warning' }, `warning: ${w}`)),
    el('p', { testid: 'support-vs-cost' }, `Support's value to the project: ${fmt(r.support_value_to_project.mean, 0)} M USD · its expected fiscal cost: ${fmt(r.expected_fiscal_cost.mean, 0)} M USD (present values).`),
    // side by side on a wide screen, one under the other at 390 px (.charts), each as wide as it can be
    el('div', { class: 'charts' }, el('div', {}, el('h3', {}, `NPV distribution (M USD; ${count(r.paths, 'path')})`), hist,
      histogramOutside(r)), el('div', {}, el('h3', {}, `Price fan (${r.price_unit})`), fan)),
    downloadButtons('valuation', { json: () => r, csv: () => valuationCsv(r), testid: 'value-download',
      jsonName: fileName('valuation', r.project, 'json'), csvName: fileName('valuation', r.project, 'csv') }));
  const h = chartIn(hist, `NPV distribution (M USD): paths by NPV, with and without support`);
  if (h) {
    // the y axis counts paths: whole numbers (with one path it read 0, 0.2, 0.4 … 1)
    h.setOption({ tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: binLabels(r.histogram_with) },
      yAxis: { type: 'value', name: 'paths', minInterval: 1 },
      series: [{ name: 'with support', type: 'bar', data: r.histogram_with.counts }, { name: 'without', type: 'bar', itemStyle: STRIPED, data: r.histogram_without.counts }] });
  }
  const f = chartIn(fan, `Price fan (${r.price_unit}) by year: market and received prices`);
  if (f) {
    const yrs = r.fan.map(y => r.first_year - 1 + y.year);
    const line = (name, key, dash) => ({ name, type: 'line', showSymbol: false, lineStyle: { type: dash ? 'dashed' : 'solid' }, data: r.fan.map(y => y[key]) });
    f.setOption({ tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: yrs }, yAxis: { type: 'value' },
      series: [line('market P10', 'market_p10', true), line('market P50', 'market_p50'), line('market P90', 'market_p90', true),
        line('received P10 (with support)', 'effective_p10', true), line('received P50 (with support)', 'effective_p50')] });
  }
}

/** A refused file: what the server says, each problem (file:line: field: …) on a line of its own. */
function fileProblems(e) {
  const [first, ...problems] = String(e.message).split('\n');
  return el('div', { class: 'error', role: 'alert', testid: 'error' }, first,
    problems.length ? el('ul', { testid: 'own-problems' }, problems.map(p => el('li', {}, p))) : null);
}

/** A figure of a file with where it comes from: "1 000 (A1)". */
function sourced(f, digits = 2) {
  if (!f || typeof f !== 'object') return '—';
  return `${fmt(f.value, digits)} (${f.source || f.assumption || 'no source'})`;
}

/** The closure, working capital and discounting a file states (docs/projects-format.md), a line a project; none for a file without them. */
function ownTerms(projects) {
  const lines = projects.filter(p => p.closure || p.working_capital || p.discounting).map(p => {
    const parts = [];
    if (p.closure) {
      const c = p.closure;
      parts.push(`closure and rehabilitation ${sourced(c.cost, 1)} M ${p.currency || 'USD'} ` + (c.first_year === c.last_year ? `in ${c.first_year}` : `over ${c.first_year}–${c.last_year}`));
    }
    if (p.working_capital) {
      const w = p.working_capital;
      parts.push(`working capital: receivables ${sourced(w.receivables_days, 1)}, inventory ${sourced(w.inventory_days, 1)}, payables ${sourced(w.payables_days, 1)} days`);
    }
    if (p.discounting) parts.push(`${p.discounting} discounting`);
    return el('li', {}, `${p.id}: ${parts.join('; ')}`);
  });
  return lines.length ? [el('ul', { testid: 'own-terms' }, lines)] : [];
}

/** What was read from your files: their projects with the figures a valuation uses and each one's screening, their markets. */
function showOwn(out, r) {
  const screening = Object.fromEntries(r.screening.map(x => [x.project, x]));
  out.replaceChildren(
    el('p', { testid: 'own-summary' }, `Read ${r.files.map(f => f.name).join(', ')}: ` +
      `${r.projects.length ? r.projects.map(p => p.id).join(', ') : 'no project'}; ${r.markets.length ? 'markets ' + r.markets.map(m => m.id).join(', ') : 'no market'}. ` +
      'Value, compare and rank them below.'),
    r.projects.length ? table(['project', 'name', 'file', 'market', 'country', 'status', 'start', 'capacity t/yr', 'capex M', 'opex', 'screening'],
      r.projects.map(p => [p.id, p.name, p.file, p.market, p.country, p.status, p.start_year, sourced(p.capacity, 0), sourced(p.capex, 1),
        sourced(p.opex_per_unit), screening[p.id] ? (screening[p.id].pass ? 'pass' : 'FAIL') : '—']), 'own-projects', { stacked: true }) : null,
    ...ownTerms(r.projects),
    ...r.screening.map(x => el('div', {}, el('h3', {}, `Screening of ${x.project} (default criteria, entity lists as of ${r.date})`),
      table(['check', '', 'reason'], x.checks.map(c => [c.criterion, c.pass ? 'ok' : 'FAIL', c.reason]), 'own-screening'))),
    r.markets.length ? table(['market', 'product', 'unit', 'price process', 'floors and ranking'],
      r.markets.map(m => [m.id, m.product, m.price_unit, m.process, m.scenario ? `scenario ${m.scenario}` : 'none: valuation only']), 'own-markets') : null);
}
