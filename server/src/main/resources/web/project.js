// One project of the registry (#projects/ID): every figure with its source or assumption (GET /api/projects/{id}, as
// `lodestone projects show`), its financing, offtakes, support, ESG and owners, and its screening on a date
// (GET /api/projects/{id}/screening?date=, as `lodestone projects screen`). Built with html`` (kit/dom.js): every
// value is escaped, and a source's address is a link only when it is a web address.
import { html, mount, $ } from './kit/dom.js';
import { api } from './kit/api.js';
import { show, formError, checkForm, clearErrors, announce, table } from './kit/ui.js';
import { num, today, isWebAddress } from './kit/format.js';

/** A figure exactly as the file writes it (up to 6 decimals), thousands separated. */
const exact = v => num(v, 6);
/** A share as a percentage: 0.025 → "2.5 %". */
const pct = v => num(Number(v) * 100, 4) + ' %';
const yesNo = b => (b ? 'yes' : 'no');
const listOr = (xs, none) => (xs && xs.length ? xs.join(', ') : none);

/** "www.miningweekly.com" for a web address; the text as written for anything else. */
function where(url) {
  try { return isWebAddress(url) ? new URL(url).hostname : String(url ?? ''); } catch { return String(url ?? ''); }
}

/** A source's address: a link (a new tab, no opener, no referrer) when it is a web address, its words otherwise. */
function address(url, text) {
  return isWebAddress(url)
    ? html`<a href="${url}" target="_blank" rel="noopener noreferrer" class="source" data-testid="source-link">${text}</a>`
    : html`<span class="source">${text || 'no address'}</span>`;
}

export async function projectDetail(view, id) {
  let d, reg;
  try {
    [d, reg] = await Promise.all([api('/api/projects/' + encodeURIComponent(id)), api('/api/projects')]);
  } catch (e) {
    if (!view.alive) return;
    if (e.status !== 404) throw e;
    document.title = 'Unknown project — Projects — Lodestone';
    mount(view.main, html`<h1>Unknown project</h1>
      <div class="error" role="alert" data-testid="error">No project "${id}" in the registry.</div>
      <p><a href="#projects" data-testid="projects-back">All projects</a> lists the registry's projects; a project of your own is added with
        <span class="mono">--projects FILE</span> on the command line (docs/projects-format.md).</p>`);
    return;
  }
  if (!view.alive) return;
  document.title = `${d.name} — Projects — Lodestone`;
  const market = (reg.markets || []).find(m => m.id === d.market);
  const unit = market ? market.price_unit : 'price unit of market ' + d.market;
  const sources = new Map((d.sources || []).map(s => [s.id, s]));
  const assumptions = d.assumptions || {};

  /** Where a figure comes from: its source (what it says, its date, a link to it) or the assumption stated. */
  const provenance = f => {
    if (!f) return '';
    if (f.source) {
      const s = sources.get(f.source);
      if (!s) return html`source ${f.source}`;
      return html`<b>${f.source}</b>: ${s.what || 'source'} (${s.date || 'undated'}, ${address(s.url, where(s.url))})`;
    }
    if (f.assumption) return html`<b>${f.assumption}</b> (assumption): ${assumptions[f.assumption] || ''}`;
    return '';
  };
  const cur = d.currency || 'USD';
  const money = v => `${cur} ${exact(v)} M`;
  const stated = 'stated in the file';

  const rows = [];
  const fig = (label, f, value) => { if (f) rows.push([label, value, provenance(f)]); };
  fig('capacity', d.capacity, `${exact(d.capacity.value)} t/yr`);
  fig('capacity to come', d.added_capacity, d.added_capacity && `${exact(d.added_capacity.value)} t/yr`);
  if (d.ramp_up && d.ramp_up.length) rows.push(['ramp-up (years 1, 2, …)', d.ramp_up.map(pct).join(', '), stated]);
  rows.push(['life', `${d.life_years} years`, stated]);
  if (d.construction_years > 0) rows.push(['construction', `${d.construction_years} years before ${d.start_year}`, stated]);
  fig('capex still to spend', d.capex, money(d.capex.value) + (cur !== 'USD' && d.usd_per_unit ? ` = USD ${exact(d.capex.value * d.usd_per_unit.value)} M` : ''));
  fig('exchange rate', d.usd_per_unit, d.usd_per_unit && `${exact(d.usd_per_unit.value)} USD per ${cur}`);
  fig('cash cost (opex)', d.opex_per_unit, `${exact(d.opex_per_unit.value)} ${unit}`);
  fig('all-in sustaining cost', d.aisc, d.aisc && `${exact(d.aisc.value)} ${unit}`);
  fig('fixed cash cost', d.fixed_opex, d.fixed_opex && money(d.fixed_opex.value) + ' a year');
  fig('sustaining capex', d.sustaining_capex, d.sustaining_capex && money(d.sustaining_capex.value) + ' a year of production');
  const share = (label, f, suffix, otherwise) => {
    if (f) fig(label, f, pct(f.value) + suffix);
    else rows.push([label, otherwise, "the valuation's default"]);
  };
  share('royalty', d.royalty, ' of sales', 'none (default)');
  share('income tax', d.tax, '', '21 % (default)');
  share('discount rate', d.discount_rate, ' (real)', '8 % (default, real)');
  // shown when the file states them (docs/projects-format.md); a file without them is valued without them, as "Not modelled" says
  if (d.closure) {
    const c = d.closure;
    fig('closure and rehabilitation', c.cost, money(c.cost.value) + (c.first_year === c.last_year ? ` in ${c.first_year}` : ` over ${c.first_year}–${c.last_year}`));
  }
  if (d.working_capital) {
    const w = d.working_capital;
    fig('receivables', w.receivables_days, w.receivables_days && `${exact(w.receivables_days.value)} days of revenue`);
    fig('inventory', w.inventory_days, w.inventory_days && `${exact(w.inventory_days.value)} days of cash costs`);
    fig('payables', w.payables_days, w.payables_days && `${exact(w.payables_days.value)} days of cash costs`);
  }
  if (d.discounting) rows.push(['discounting', d.discounting === 'mid-year' ? "mid-year (each year's flows at its middle)" : "year-end (each year's flows at its end)", stated]);
  if (d.debt) {
    fig('debt', d.debt.amount, money(d.debt.amount.value));
    fig('debt rate', d.debt.rate, pct(d.debt.rate.value) + ' (nominal)');
    // the inflation that deflates the nominal service into the valuation's 2026 dollars (docs/valuation.md, "Real money")
    if (d.debt.inflation) fig('debt inflation', d.debt.inflation, pct(d.debt.inflation.value) + ' a year');
    else rows.push(['debt inflation', 'none (rate taken as real)', stated]);
    rows.push(['debt tenor', `${d.debt.tenor} years, ` + (d.debt.grace === 0 ? 'no grace period' : `${d.debt.grace} ${d.debt.grace === 1 ? 'year' : 'years'} of grace`), stated]);
  } else {
    rows.push(['debt', 'none', stated]);
  }

  const fin = d.financing || [];
  const off = d.offtakes || [];
  const esg = d.esg || {};
  const owners = d.owners || [];
  const sup = d.support;
  const supportText = () => {
    if (!sup) return 'none stated';
    const parts = [];
    if (sup.strike) parts.push(html`${sup.type === 'cfd' ? 'strike' : sup.type === 'offtake' ? 'price' : 'floor'} ${exact(sup.strike.value)} ${unit} [${provenance(sup.strike)}]`);
    else if (sup.type === 'floor-with-upside') parts.push('no price floor');
    if (sup.upside_share) parts.push(html`${pct(sup.upside_share.value)} of the upside returned [${provenance(sup.upside_share)}]`);
    if (sup.ebitda_floor) parts.push(html`EBITDA floor ${money(sup.ebitda_floor.value)} a year [${provenance(sup.ebitda_floor)}]`);
    if (sup.volume) parts.push(html`${exact(sup.volume.value)} t/yr [${provenance(sup.volume)}]`);
    parts.push(sup.years === 0 ? 'for the whole life' : `for ${sup.years} years`);
    return html`${sup.type}: ${html.join(parts, ', ')}${sup.note ? ` — ${sup.note}` : ''}`;
  };

  mount(view.main, html`
    <p class="hint"><a href="#projects" data-testid="projects-back">All projects</a></p>
    <h1 data-testid="project-name">${d.name}</h1>
    <p class="lead" data-testid="project-line">${d.id} · ${d.sponsor || 'sponsor not stated'}, ${d.country}; ${d.stage}; ${d.status},
      production from ${d.start_year}; market ${d.market} (${unit}) · product: ${d.product}${d.basis ? ` — ${d.basis}` : ''}
      ${d.feeds ? html` · feeds <a href="${'#projects/' + encodeURIComponent(d.feeds)}">${d.feeds}</a> (its capacity is not counted twice)` : ''}</p>
    <div class="card"><h2>Figures and where they come from</h2>
      <p class="hint">Each figure as the project's file writes it (${d.file}), with the source it cites or the assumption it states.</p>
      ${table([{ label: 'Figure' }, { label: 'Value' }, { label: 'Source or assumption' }],
        rows.map(([a, b, c]) => [a, html`<span class="nowrap">${b}</span>`, html`<span class="prose-cell">${c}</span>`]), { testid: 'project-figures' })}
    </div>
    <div class="card"><h2>Financing</h2>
      ${fin.length ? table([{ label: 'Party' }, { label: 'Kind' }, { label: 'Instrument' }, { label: 'Amount', num: true }, { label: 'Source or assumption' }, { label: 'Public or private' }],
        fin.map(f => [f.party, f.kind, f.instrument || '—', f.amount ? money(f.amount.value) : 'not stated', provenance(f.amount), f.public ? 'public' : 'private']),
        { testid: 'project-financing', stacked: true }) : html`<p data-testid="project-financing">None stated.</p>`}
      <h3>Offtakes</h3>
      ${off.length ? html`<ul data-testid="project-offtakes">${off.map(o => html`<li><b>${o.buyer}</b>${o.terms ? ` — ${o.terms}` : ''}${o.volume
          ? html`; ${exact(o.volume.value)} t/yr [${provenance(o.volume)}]` : ''}${o.price ? html`; at ${exact(o.price.value)} ${unit} [${provenance(o.price)}]` : ''}</li>`)}</ul>`
        : html`<p data-testid="project-offtakes">None stated.</p>`}
      <p data-testid="project-support"><b>Support:</b> ${supportText()}</p>
    </div>
    <div class="card"><h2>ESG and owners</h2>
      ${table([{ label: 'Item' }, { label: 'As the file states it' }], [
        ['due-diligence policy (OECD guidance)', yesNo(esg.rbc_policy)],
        ['standards audited against', listOr(esg.standards, 'none')],
        ['ILO core labour standards applied', yesNo(esg.ilo_core)],
        ['permits', esg.permits || 'unknown'],
        ['environmental impact assessment', yesNo(esg.eia)],
        ['counterparties screened', listOr(esg.counterparties, 'none')],
        ...(esg.notes || []).map(n => ['note', n]),
      ], { testid: 'project-esg' })}
      <h3>Owners</h3>
      ${owners.length ? html`<ul data-testid="project-owners">${owners.map(o => html`<li>${o.name} (${o.country || 'country not stated'})${o.share
          ? html` ${pct(o.share.value)} [${provenance(o.share)}]` : ', share not stated'}</li>`)}</ul>` : html`<p data-testid="project-owners">None stated.</p>`}
    </div>
    <div class="card"><h2>Screening</h2>
      <p class="hint">Against the agreement's default criteria (docs/projects-format.md): conduct, labour, permits, ownership, and the
        sponsor, owners and counterparties against the regime's entity lists as of the date.</p>
      <form id="screen-form" class="row" novalidate>
        <label>Entity lists as of <input name="date" type="date" required data-testid="screening-date"></label>
        <button type="submit" data-testid="screening-run">Screen</button>
      </form>
      <div id="screening-result" data-testid="screening-result"></div>
    </div>
    <div class="card"><h2>Sources and assumptions</h2>
      ${(d.sources || []).length ? table([{ label: 'Id' }, { label: 'What it says' }, { label: 'Date' }, { label: 'Address' }],
        d.sources.map(s => [s.id, html`<span class="prose-cell">${s.what || ''}</span>`, s.date || 'undated', address(s.url, s.url)]), { testid: 'project-sources', stacked: true })
        : html`<p data-testid="project-sources">No sources: every figure states an assumption.</p>`}
      ${Object.keys(assumptions).length ? table([{ label: 'Id' }, { label: 'Assumption' }],
        Object.entries(assumptions).map(([k, v]) => [k, html`<span class="prose-cell">${v}</span>`]), { testid: 'project-assumptions' }) : ''}
    </div>`);

  const form = $('#screen-form');
  const out = $('#screening-result');
  form.date.value = today();
  const screen = async () => {
    const bad = checkForm(form);
    if (bad) { show(out, bad); return; }
    const date = form.date.value;
    show(out, html`<p class="hint">Screening…</p>`);
    try {
      const r = await api(`/api/projects/${encodeURIComponent(d.id)}/screening?date=${encodeURIComponent(date)}`);
      if (!view.alive) return;
      clearErrors(form);
      const failed = r.checks.filter(c => !c.pass).length;
      const verdict = r.pass ? `Passes every check (${r.checks.length}), entity lists as of ${date}`
        : `Fails ${failed} of ${r.checks.length} checks, entity lists as of ${date}`;
      show(out, html`<p data-testid="screening-pass"><span class="tag ${r.pass ? 'done' : 'failed'}">${r.pass ? 'pass' : 'fail'}</span> ${verdict}</p>
        ${table([{ label: 'Criterion' }, { label: 'Result' }, { label: 'Reason' }],
          r.checks.map(c => [c.criterion, html`<span class="tag ${c.pass ? 'done' : 'failed'}">${c.pass ? 'pass' : 'fail'}</span>`,
            html`<span class="prose-cell">${c.reason}</span>`]), { testid: 'screening-checks' })}`);
      announce(`Screening of ${d.id}: ${verdict}`);
    } catch (e) { if (view.alive) show(out, formError(form, e)); }
  };
  form.addEventListener('submit', ev => { ev.preventDefault(); screen(); });
  await screen();
}

