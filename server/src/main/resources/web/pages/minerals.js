// Critical minerals: the 2025 US list with each mineral's facts, a mineral's or value chain's products along the chain
// (each HTS code a link to the Regime page's view of it) and the content bases duties and floors are measured on, and the
// country groups with their members on a date. The same reports as `lodestone regime minerals [ID] --json` and
// `lodestone regime groups [ID] --date D --json` (GET /api/minerals, /api/minerals/{id}, /api/groups, /api/groups/{id}).
import { html, mount, $ } from '../kit/dom.js';
import { api } from '../kit/api.js';
import { today } from '../kit/format.js';
import { show, errorBox, formError, checkForm, clearErrors, table, announce, newest } from '../kit/ui.js';
import { keepInput } from '../kit/kept.js';

export default { id: 'minerals', title: 'Minerals', render };

async function render(view, [id]) {
  const [minerals, regime] = await Promise.all([api('/api/minerals'), api('/api/regime')]);
  if (!view.alive) return;
  const horizon = (regime.info && regime.info.horizon) || {};
  // the value chains, in the order the minerals first name them
  const chains = new Map();
  for (const m of minerals) for (const c of m.value_chains) if (!chains.has(c.id)) chains.set(c.id, c.name);
  mount(view.main, html`
    <h1>Critical minerals</h1>
    <p class="lead">The ${String(minerals.length)} minerals of the 2025 US List of Critical Minerals (90 FR 50494), the covered value
      chains with their products, HTS codes and the content basis a duty or floor is measured on, and the country groups
      the measures name, with their members on a date.</p>
    <p class="hint" data-testid="horizon">Regime ${regime.id}, version ${regime.version}${horizon.checked_through
      ? html` — facts checked through <b>${horizon.checked_through}</b>` : ''}${horizon.covers_from ? ` (they cover from ${horizon.covers_from})` : ''}.</p>
    ${horizon.sources && horizon.sources.length ? html`<details class="card" data-testid="sources"><summary>The regime's sources
      (${String(horizon.sources.length)})</summary><ul>${horizon.sources.map(s => html`<li>${s.title}${s.date ? html` <span class="hint">— to ${s.date}</span>` : ''}${s.note ? html`<div class="hint">${s.note}</div>` : ''}</li>`)}</ul></details>` : ''}
    <h2>A value chain</h2>
    <form id="chain-form" class="card row" novalidate>
      <label>Value chain or mineral <select name="id" data-testid="chain-pick">
        <optgroup label="Value chains">${[...chains].map(([cid, name]) => html`<option value="${cid}">${name}</option>`)}</optgroup>
        <optgroup label="Minerals of the list">${minerals.map(m => html`<option value="${m.id}">${m.name}</option>`)}</optgroup>
      </select></label>
      <button data-testid="chain-show">Show</button>
    </form>
    <div id="chain-view"><div class="empty">Pick a value chain or a mineral to see its products and their HTS codes.</div></div>
    <h2>Country groups</h2>
    <form id="group-form" class="card row" novalidate>
      <label>Group <select name="group" data-testid="group-pick"></select></label>
      <label>On <input name="date" type="date" data-testid="group-date"></label>
      <button data-testid="group-show">Show members</button>
      <span class="hint">No date: every membership window.</span>
    </form>
    <div id="group-view"></div>
    <h2>The 2025 list</h2>
    ${table([{ label: 'Mineral' }, { label: 'Symbol' }, { label: 'Family' }, { label: 'On the 2022 list' }, { label: 'Value chains' }, { label: 'Content bases' }],
      minerals.map(m => [
        html`<a href="${'#minerals/' + encodeURIComponent(m.id)}">${m.name}</a>${m.new_in_2025 ? html` <span class="tag">new in 2025</span>` : ''}`,
        m.symbol ?? '', m.family ?? '', m.on_2022_list ? 'yes' : 'no',
        m.value_chains.length ? html.join(m.value_chains.map(c => html`<a href="${'#minerals/' + encodeURIComponent(c.id)}">${c.name}</a>`), ', ') : '—',
        m.content_bases.length ? m.content_bases.map(b => b.id).join(', ') : '—']), { testid: 'minerals-table', stacked: true })}`);

  const cf = $('#chain-form');
  keepInput('minerals.chain', [cf.id]); // the choice survives a visit to another page (the address's, if any, wins)
  if (!cf.id.value) cf.id.selectedIndex = 0; // one kept that this regime does not have
  cf.addEventListener('submit', ev => { ev.preventDefault(); showChain(view, cf.id.value); });
  if (id) {
    cf.id.value = id;
    showChain(view, id);
  }
  const gf = $('#group-form');
  gf.date.value = today();
  gf.addEventListener('submit', ev => { ev.preventDefault(); showGroup(view, gf); });
  try {
    const groups = await api('/api/groups');
    if (!view.alive) return;
    mount(gf.group, html`${groups.map(g => html`<option value="${g.id}">${g.id} — ${g.name}</option>`)}`);
    if (groups.some(g => g.id === 'CAFTA-DR')) gf.group.value = 'CAFTA-DR';
    keepInput('minerals.group', [gf.group, gf.date]); // the group and date chosen survive a visit to another page
    if (!gf.group.value && groups.length) gf.group.value = groups[0].id; // a kept group this regime does not have
    if (groups.length) showGroup(view, gf);
    else show($('#group-view'), html`<div class="empty">This regime has no country groups.</div>`);
  } catch (e) { if (view.alive) show($('#group-view'), errorBox(e)); }
}

async function showChain(view, id) {
  const el = $('#chain-view');
  const run = newest(el, view);
  try {
    const d = await api('/api/minerals/' + encodeURIComponent(id));
    if (!run.alive) return;
    const m = d.mineral;
    announce(`${d.name}: ${d.value_chains.length} value chain${d.value_chains.length === 1 ? '' : 's'}`);
    show(el, html`<div class="card" data-testid="chain-view">
      <h3>${d.name}${m && m.symbol ? ` (${m.symbol})` : ''}${m ? '' : html` <span class="hint">value chain</span>`}</h3>
      ${m ? html`<p data-testid="mineral-facts">${m.family ? m.family + ' · ' : ''}on the 2022 list: ${m.on_2022_list ? 'yes' : 'no'} ·
        added by the 2025 list: ${m.new_in_2025 ? 'yes' : 'no'}${m.basis_for_addition ? ` (${m.basis_for_addition})` : ''}${m.in_2025_draft_list === false
        ? ' · on the 2025 draft list: no' : ''}${m.note ? html`<span class="hint" data-testid="mineral-note"> — ${m.note}</span>` : ''}</p>` : ''}
      ${d.value_chains.length ? '' : html`<p class="empty">No covered value chain spans it: its products are not modelled.</p>`}
      ${d.value_chains.map(c => html`${m ? html`<h4>Value chain: ${c.name}</h4>` : ''}
        <p class="hint">Minerals: ${c.minerals.join(', ')}</p>
        ${table([{ label: 'Stage' }, { label: 'Product' }, { label: 'HTS codes' }, { label: 'Content basis' }],
          c.products.map(p => [p.stage ?? '', html`${p.name}${p.note ? html`<div class="hint">${p.note}</div>` : ''}${p.source
            ? html`<div class="hint" data-testid="product-source">Source: ${p.source.title}${p.source.url ? ' — ' + p.source.url : ''}</div>` : ''}`,
            html.join(p.hts.map(code => html`<a class="mono" href="${'#regime/' + code}">${code}</a>`), ', '), p.content_basis ?? '—']),
          { testid: 'products-' + c.id })}`)}
      ${d.content_bases.length ? html`<h4>Content bases</h4>
        ${table([{ label: 'Basis' }, { label: 'Name' }, { label: 'Unit' }, { label: 'What it is' }],
          d.content_bases.map(b => [b.id, b.name, b.unit, html`${b.description ?? ''}${b.conversions.map(cv =>
            html`<div class="hint">1 ${b.unit} converts to ${cv.basis} by the mass fraction ${cv.mass_fraction}${cv.note ? ' — ' + cv.note : ''}</div>`)}`]),
          { testid: 'content-bases' })}` : ''}
    </div>`);
  } catch (e) { if (run.alive) show(el, errorBox(e)); }
}

async function showGroup(view, form) {
  const el = $('#group-view');
  const run = newest(el, view);
  const bad = checkForm(form);
  if (bad) { show(el, bad); return; }
  const date = form.date.value;
  try {
    const g = await api('/api/groups/' + encodeURIComponent(form.group.value) + (date ? '?date=' + encodeURIComponent(date) : ''));
    if (!run.alive) return;
    clearErrors(form);
    const what = g.date ? `${g.member_count} member${g.member_count === 1 ? '' : 's'} on ${g.date}` : `${g.members.length} membership windows`;
    announce(`${g.id}: ${what}`);
    show(el, html`<div class="card" data-testid="group-view">
      <h3>${g.name} <span class="hint">${g.id}</span></h3>
      ${g.description ? html`<p class="hint">${g.description}</p>` : ''}
      ${g.source ? html`<p class="hint">Source: ${g.source}</p>` : ''}
      ${(g.warnings || []).length ? html`<p class="warn" data-testid="group-warnings">${g.warnings.map(w => html`${w}<br>`)}</p>` : ''}
      <p data-testid="group-count"><b>${what}</b></p>
      ${g.members.length ? table([{ label: 'Country' }, { label: 'Name' }, { label: 'Member from' }, { label: 'Until' }],
        g.members.map(x => [html`<span class="mono">${x.country}</span>`, x.name ?? '', x.from ?? 'before the records', x.to ?? 'open']),
        { testid: 'group-members' }) : html`<div class="empty">No member on that date.</div>`}
    </div>`);
  } catch (e) { if (run.alive) show(el, formError(form, e)); }
}
