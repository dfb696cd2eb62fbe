// Exposure page: a company file (uploaded or edited) evaluated today and under scenarios — results table,
// cost by scenario chart, alternatives, and the report to download (HTML or CSV).
import { el, table, figureColumns, money, call, chartIn } from './dom.js';
import { saveBlob } from './kit/download.js';
import { unitPrice } from './kit/format.js';
import { keepInput } from './kit/kept.js';
import { show, formError, clearErrors, checkForm, announce, newest, aside } from './kit/ui.js';
import { fileText } from './kit/files.js';

const SAMPLE = `company: Example Photonics (illustrative)
date: 2026-03-02
products:
  - id: gan-power-die
    annual_volume: 50000
    bom: [{line: gallium-cn, quantity: 0.03}]
    minerals: {gallium: 0.03}
sourcing:
  - {id: gallium-cn, supplier: Example Shandong Gallium, origin: CN, hts: 8112.92.10.00, quantity: 1500, unit: kg,
     price: 560, incoterm: FOB, freight: 2, market: {scenario: gallium, share: 1}, contract: ga-indexed}
contracts:
  - {id: ga-indexed, type: indexed, start: 2026-01-01, end: 2026-12-31, lag_months: 2}
`;

export async function exposurePage(main, view) {
  const text = el('textarea', { name: 'company', rows: '16', spellcheck: 'false', class: 'mono', style: 'width:100%', required: true });
  const v = view || { alive: true, later: (fn, ms) => setTimeout(fn, ms) };
  // a file read or a download beside an evaluation: its error shown unless a newer request was made of the box
  const failed = (side, showIt) => { if (side.alive) { side.claim(); showIt(); } };
  text.value = SAMPLE;
  const file = el('input', { type: 'file', name: 'file', accept: '.yaml,.yml,text/yaml', testid: 'exposure-file' });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    const side = aside(out, v);
    try {
      text.value = await fileText(f); // a file not in UTF-8 is said, not read with U+FFFD for its letters
      keep();
      clearErrors(form);
    } catch (e) { failed(side, () => show(out, formError(form, { field: 'file', message: `${f.name}: ${e.message}` }))); }
  });
  const scen = el('input', { name: 'scenarios', value: 'market=gallium-ban,from=2026-06-01', style: 'width:100%' });
  const date = el('input', { name: 'date', type: 'date' });
  // year by year over calendar years (a budget): the market prices from the market engine's path of years (POST /api/exposure/years)
  const years = el('input', { name: 'years', placeholder: 'e.g. 2027-2030', style: 'width:11em' });
  // a budget by fiscal year (from October: FY2028 = 2027-10 to 2028-09), each named by the calendar year it ends in
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const fiscal = el('select', { name: 'fiscal_start', testid: 'fiscal-start' }, el('option', { value: '', text: 'calendar years' }),
    ...MONTHS.map((m, i) => el('option', { value: String(i + 1), text: `fiscal years from ${m}` })));
  // a market scenario of one's own (docs/scenario-format.md, as the Scenarios page runs it): sent as its text beside the company
  // file; evaluated under its name, or where the Scenarios field names it (market=NAME,from=…)
  const market = el('textarea', { name: 'market', rows: '8', spellcheck: 'false', class: 'mono', style: 'width:100%',
    placeholder: 'optional: a market scenario of your own (YAML), e.g. a DRC cobalt export quota' });
  const marketName = el('input', { name: 'market_name', value: 'my-scenario.yaml', style: 'width:100%' });
  const marketFile = el('input', { type: 'file', name: 'market_file', accept: '.yaml,.yml,text/yaml', testid: 'market-file' });
  marketFile.addEventListener('change', async () => {
    const f = marketFile.files[0];
    if (!f) return;
    const side = aside(out, v);
    try {
      market.value = await fileText(f);
      marketName.value = f.name;
      keep();
      clearErrors(form);
    } catch (e) { failed(side, () => show(out, formError(form, { field: 'market_file', message: `${f.name}: ${e.message}` }))); }
  });
  const keep = keepInput('exposure', [text, scen, date, years, fiscal, market, marketName]); // the files, scenarios and date survive a visit to another page
  // the request: the company file as YAML; with a market of one's own, both as JSON texts (POST /api/exposure's JSON body)
  const body = () => market.value.trim()
    ? { json: { file: { name: (file.files[0] && file.files[0].name) || 'company.yaml', text: text.value },
      markets: [{ name: marketName.value.trim() || 'my-scenario.yaml', text: market.value }] } }
    : { text: text.value, contentType: 'application/yaml' };
  const out = el('div', { testid: 'exposure' });
  const params = () => {
    const q = new URLSearchParams({ name: (file.files[0] && file.files[0].name) || 'company.yaml' });
    for (const s of scen.value.split(';').map(x => x.trim()).filter(Boolean)) q.append('scenario', s);
    if (date.value) q.set('date', date.value);
    if (years.value.trim()) q.set('years', years.value.trim());
    if (years.value.trim() && fiscal.value) q.set('fiscal_start', fiscal.value);
    return q;
  };
  const download = async fmt => {
    const side = aside(out, v);
    const bad = checkForm(form);
    if (bad) { failed(side, () => show(out, bad)); return; }
    try {
      const q = params(); q.set('format', fmt);
      const b = await call('/api/exposure/report?' + q, { method: 'POST', ...body(), blob: true });
      saveBlob(b, 'exposure.' + fmt); // its object URL revoked after (kit/download.js)
      announce('Saved exposure.' + fmt);
    } catch (e) { failed(side, () => showError(e)); }
  };
  // an API error names the field by its label and marks it (kit/ui.js); a company file's problems mark the file
  const showError = e => {
    if (e.code === 'invalid_company_file') e.field = 'company';
    // the market of one's own: its problems (at its lines) and one without an equilibrium mark its field
    if (e.code === 'invalid_scenario' || (e.field && e.field.startsWith('markets'))) e.field = e.field && e.field.endsWith('.name') ? 'market_name' : 'market';
    show(out, formError(form, e, { scenario: 'scenarios', years: 'years', fiscal_start: 'fiscal_start' }));
  };
  const form = el('form', { novalidate: true },
    el('label', {}, 'Upload a company file ', el('span', { class: 'hint', text: '(YAML, docs/exposure-format.md), or edit the one below' }), file),
    el('label', {}, 'Company file ', text),
    el('label', {}, 'Scenarios ', el('span', { class: 'hint', text: 'separated by ";": a market scenario, or market=…,regime=…,date=…,from=…,label=…' }), scen),
    el('label', {}, 'Load a market scenario of your own ', el('span', { class: 'hint', text: '(YAML, docs/scenario-format.md), or paste it below' }), marketFile),
    el('label', {}, 'Your market scenario ', market),
    el('label', {}, 'Its name ', el('span', { class: 'hint', testid: 'market-hint',
      text: 'evaluated as a scenario of this name, unless Scenarios names it (market=NAME,from=…)' }), marketName),
    // an empty date field ("mm/dd/yyyy") said nothing of the date used: the file's own (its date:), else today (docs/exposure-format.md)
    el('div', { class: 'row' }, el('label', {}, 'Date ', date, el('span', { class: 'hint', testid: 'date-hint', text: 'empty: the file\u2019s date (its date:), or today' })),
      el('label', {}, 'Years ', years, el('span', { class: 'hint', testid: 'years-hint',
        text: 'FIRST-LAST: year by year, market prices from a scenario\u2019s path of years (e.g. ndpr-2025-2040); empty: the twelve months from the date' })),
      el('label', {}, 'Years are ', fiscal, el('span', { class: 'hint', text: 'a fiscal year is named by the calendar year it ends in (from October: FY2028 = 2027-10 to 2028-09)' })),
      el('button', { type: 'submit', text: 'Evaluate' }),
      el('button', { type: 'button', text: 'Download HTML report', onclick: () => download('html') }),
      el('button', { type: 'button', text: 'Download CSV', onclick: () => download('csv') })));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    // an evaluation takes seconds (years with alternatives): one asked after it, or a refusal, supersedes it
    const run = newest(out, v);
    const bad = checkForm(form); // an emptied company file: beside the field, nothing sent
    if (bad) { show(out, bad); return; }
    out.replaceChildren(el('p', { class: 'hint', text: 'Assessing…' }));
    if (years.value.trim()) {
      try {
        const r = await call('/api/exposure/years?' + params(), { method: 'POST', ...body() });
        if (!run.alive) return;
        clearErrors(form);
        out.replaceChildren(...yearByYear(r));
        announce(`Exposure of ${r.company} evaluated year by year, ${r.years.from} to ${r.years.to}, under ${r.scenarios.length} scenarios`);
      } catch (e) { if (run.alive) showError(e); }
      return;
    }
    try {
      const r = await call('/api/exposure?' + params(), { method: 'POST', ...body() });
      if (!run.alive) return;
      clearErrors(form);
      const box = el('div', { class: 'chart', style: 'height:280px' });
      announce(`Exposure of ${r.company} evaluated: ${r.lines.length} lines under ${Object.keys(r.totals).length} scenarios`);
      const currency = Object.fromEntries(r.lines.map(l => [l.line, l.currency]));
      const lines = r.lines.map(l => ({ cells: [l.line, l.origin, l.scenario, l.status, unitPrice(l.average_price, l.currency, l.unit), money(l.customs_value_usd), money(l.duty),
        l.duties.map(d => `${d.measure} ${money(d.amount)}`).join('; '), money(l.landed_cost)],
        flags: [l.entity_listed ? 'SUPPLIER ON AN ENTITY LIST' : '', l.origin_check ?? '', ...l.warnings].filter(Boolean).join('; ') }));
      out.replaceChildren(
        el('h2', { text: `${r.company} from ${r.date}` }),
        table(['scenario', 'total landed cost'], Object.entries(r.totals).map(([k, v]) => [k, money(v)]), 'totals'),
        // what a total leaves out (a prohibited line) is said under the totals, not only at the page's foot
        el('ul', { class: 'warn', 'data-testid': 'totals-warnings' }, r.warnings.map(w => el('li', { text: w }))), box,
        el('h3', { text: 'Products' }),
        table(['product', 'scenario', 'annual cost', 'unit cost', 'notes'], r.products.map(p => [p.product, p.scenario, money(p.annual_cost), unitPrice(p.unit_cost, 'USD', null), (p.warnings || []).join('; ')]), 'products', { stacked: true }),
        el('h3', { text: 'Sourcing lines' }),
        linesTable(lines),
        el('h3', { text: 'Alternatives (ranked by saving)' }),
        table(['line', 'origin', 'price', 'duty', 'landed cost', 'saving', 'note'], r.alternatives.map(a => [a.line, a.origin, unitPrice(a.price, currency[a.line], null), money(a.duty), money(a.landed_cost), money(a.saving), a.note]), 'alternatives', { stacked: true }));
      const ch = chartIn(box, 'Total landed cost by scenario (USD)');
      if (ch) ch.setOption({ tooltip: {}, xAxis: { type: 'category', data: Object.keys(r.totals) }, yAxis: { type: 'value', name: 'USD' },
        series: [{ name: 'total landed cost', type: 'bar', data: Object.values(r.totals).map(Number) }] });
    } catch (e) { if (run.alive) showError(e); }
  });
  main.replaceChildren(el('h1', { text: 'Exposure' }),
    el('p', { class: 'lead', text: 'What the regime and the markets cost a company: each sourcing line assessed at the border today and under scenarios, '
      + 'with its contract applied month by month; cost per product; alternatives among club and preference countries.' }),
    el('div', { class: 'card' }, form), out);
}

/**
 * The sourcing lines: a line's flags (an entity list, its origin check, a forced-labour presumption: sentences) on a row of
 * their own under it, as wide as the table, rather than a ninth column pushed off the right edge even at 1366 px.
 */
function linesTable(lines, heads = ['line', 'origin', 'scenario', 'status', 'average price', 'customs value', 'duty', 'duties by measure', 'landed cost'],
  testid = 'lines', label = 'Flags: ') {
  const figures = figureColumns(heads.length, lines.map(l => l.cells)); // amounts set to the right, as dom.js table() sets them
  // stacked at phone width (style.css table.stacked): a line a block, each figure under its column's name, its flags under it
  return el('div', { class: 'table-wrap' }, el('table', { testid, class: 'stacked' },
    el('thead', {}, el('tr', {}, heads.map((h, i) => el('th', { scope: 'col', text: h, class: figures[i] ? 'num' : null })))),
    el('tbody', {}, lines.flatMap(l => [
      el('tr', { class: l.flags ? 'has-flags' : null }, l.cells.map((c, i) => el('td', { text: c ?? '—', class: figures[i] ? 'num' : null,
        'data-label': i > 0 ? heads[i] : null }))),
      l.flags ? el('tr', { class: 'flags' }, el('td', { colspan: heads.length, testid: 'line-flags' }, el('b', { text: label }), l.flags)) : null]))));
}

/**
 * The year-by-year answer (POST /api/exposure/years): the totals by scenario and year, what they leave out or cannot vouch for,
 * the model's US prices the lines move by, then a table of the lines for each year. Figures through the kit's formatting.
 */
function yearByYear(r) {
  const ys = r.years.periods.map(p => String(p.year));
  const label = Object.fromEntries(r.years.periods.map(p => [String(p.year), p.label]));
  const first = r.years.periods[0], last = r.years.periods[r.years.periods.length - 1];
  const out = [
    el('h2', { text: `${r.company}, ${first === last ? first.label : first.label + '\u2013' + last.label} (prices of ${r.date})` }),
    r.years.fiscal_start ? el('p', { class: 'hint', testid: 'fiscal-years', text: 'Fiscal years, named by the calendar year they end in: '
      + r.years.periods.map(p => `${p.label} = ${p.first_month} to ${p.last_month}`).join('; ') }) : null,
    table(['scenario', ...ys.map(y => label[y])], Object.entries(r.totals).map(([k, v]) => [k, ...ys.map(y => money(v[y]))]), 'year-totals'),
    el('ul', { class: 'warn', 'data-testid': 'totals-warnings' }, r.warnings.map(w => el('li', { text: w })))].filter(Boolean);
  if (r.products.length) {
    out.push(el('h3', { text: 'Products' }), table(['product', 'scenario', 'year', 'annual cost', 'unit cost', 'notes'],
      r.products.map(p => [p.product, p.scenario, label[String(p.year)], money(p.annual_cost), unitPrice(p.unit_cost, 'USD', null), (p.warnings || []).join('; ')]),
      'year-products', { stacked: true }));
  }
  if (r.market_prices.length) {
    // by calendar year: the path's years; a month takes its calendar year's price
    const cal = Object.keys(r.market_prices[0].us_price);
    out.push(el('h3', { text: 'The model\u2019s US prices by calendar year (a month takes its calendar year\u2019s price; a line moves by it \u00f7 the anchor, for its share)' }),
      table(['market', 'scenario', 'path', 'anchor', ...cal], r.market_prices.map(p => [p.market, p.scenario, p.path,
        `${p.anchor_year}: ${unitPrice(p.anchor_price, ...p.price_unit.split('/'))}`, ...cal.map(y => unitPrice(p.us_price[y], ...p.price_unit.split('/')))]),
      'market-prices', { stacked: true }));
  }
  for (const y of ys) {
    const rows = r.lines.filter(l => String(l.year) === y);
    const p = r.years.periods.find(x => String(x.year) === y);
    out.push(el('h3', { text: r.years.fiscal_start ? `${label[y]} (${p.first_month} to ${p.last_month})` : y }),
      // a line's notes in a row of their own under it, as on the single date: a tenth column of long warnings was squeezed to
      // a few words a line at desktop width
      linesTable(rows.map(l => ({ cells: [l.line, l.origin, l.scenario, l.status, unitPrice(l.average_price, l.currency, l.unit),
        unitPrice(l.goods_cost, l.currency, null), money(l.customs_value_usd), money(l.duty), money(l.landed_cost)], flags: l.warnings.join('; ') })),
      ['line', 'origin', 'scenario', 'status', 'average price', 'goods cost', 'customs value', 'duty', 'landed cost'], 'year-' + y, 'Notes: '));
    // each line's cheapest alternative origin that year, in a table of its own: its saving in view, not a thirteenth column off the edge
    const alts = rows.filter(l => l.cheapest_alternative);
    if (alts.length) {
      out.push(el('h4', { text: `Cheapest alternative origin, ${label[y]}` }),
        table(['line', 'scenario', 'origin', 'average price', 'duty', 'landed cost', 'saving', 'note'], alts.map(l => {
          const a = l.cheapest_alternative;
          return [l.line, l.scenario, a.origin, unitPrice(a.average_price, l.currency, l.unit), money(a.duty), money(a.landed_cost), money(a.saving),
            [a.note + (a.same_for.length ? '; the same for ' + a.same_for.join(', ') : ''), ...a.warnings].join('; ')];
        }), 'alternatives-' + y, { stacked: true }));
    }
  }
  return out;
}
