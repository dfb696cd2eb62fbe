// Stockpiles page: a ledger's position (holdings, funding, members), months of import cover with the
// comparison targets, and a coordinated release under a disruption with prices without and with it.
import { el, table, money, num, call, chartIn } from './dom.js';
import { show, formError, checkForm, clearErrors, announce } from './kit/ui.js';

// a stockpile chosen from the picker opens as its own address (#stockpiles/NAME): the picker keeps the focus, so that the
// keyboard's arrows go on through the stockpiles instead of the focus going to the page's heading each time
let fromPicker = false;

export async function stockpilesPage(main, [name = 'project-vault'], view) {
  main.replaceChildren(el('h1', { text: 'Stockpiles' }),
    el('p', { class: 'lead', text: 'A stockpile is its ledger of events (funding, acquisitions, carrying costs, draws, releases); '
      + 'holdings, cost basis, funding left and members\' entitlements are derived from it. The bundled Project Vault ledger carries its '
      + 'public figures and ILLUSTRATIVE acquisitions (docs/stockpile-format.md).' }));
  const list = await call('/api/stockpiles');
  if (view && !view.alive) return;
  const pick = el('select', { name: 'stockpile', onchange: ev => { fromPicker = true; location.hash = '#stockpiles/' + encodeURIComponent(ev.target.value); } },
    list.stockpiles.map(s => { const o = el('option', { value: s.name, text: `${s.name} (${s.events} events${s.in_store ? ', in the store' : ''})` }); o.selected = s.name === name; return o; }));
  main.append(el('div', { class: 'card' }, el('label', {}, 'Stockpile ', pick)));
  const picked = fromPicker;
  fromPicker = false;
  if (picked) pick.focus();
  const v = await call('/api/stockpiles/' + encodeURIComponent(name));
  if (view && !view.alive) return;
  const p = v.position;
  if (picked) announce(`${v.name}: as of ${p.as_of}, ${p.events} events`);
  main.append(el('div', { class: 'card', testid: 'position' },
    el('h2', { text: `${v.name} — as of ${p.as_of} (${p.events} events)` }),
    v.description ? el('p', { class: 'hint', text: v.description }) : null,
    table(['mineral', 'held (kg)', 'cost basis', 'average USD/kg', 'forms'],
      p.holdings.map(h => [h.mineral, num(h.quantity_kg, 0), money(h.cost_basis), num(h.average_cost_usd_per_kg, 2), h.forms.join(', ')]), 'holdings'),
    table(['funding', 'amount'], [
      ...Object.entries(p.funding.by_source).map(([k, a]) => [k, money(a)]),
      ['drawn', money(p.funding.drawn)], ['spent', money(p.funding.spent)], ['proceeds', money(p.funding.proceeds)],
      ['left', money(p.funding.left)], ['carrying costs', money(p.carrying_costs.total)]], 'funding'),
    table(['member', 'joined', 'entry fee', 'entitlement (kg)'], p.members.map(m => [m.member, m.joined, money(m.entry_fee),
      Object.entries(m.entitlement_kg).map(([k, q]) => `${k} ${num(q, 0)}`).join(', ')]), 'members'),
    v.sources.length ? el('ul', { class: 'hint' }, v.sources.map(s => el('li', {}, `[${s.id}] ${s.title} `, el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', text: s.url })))) : null));

  // cover
  const coverOut = el('div', { testid: 'cover' });
  const coverForm = el('form', { class: 'row', novalidate: true },
    el('label', {}, 'Disruption ', el('input', { name: 'disruption', value: 'gallium-ban' })),
    el('label', {}, 'Months ', el('input', { name: 'months', type: 'number', value: '13', min: '1', max: '120', step: '1', required: true })),
    el('label', {}, 'Start ', el('input', { name: 'start', type: 'date', value: p.as_of || '' })),
    el('button', { type: 'submit', text: 'Compute cover' }));
  coverForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = ev.target;
    const bad = checkForm(f);
    if (bad) { show(coverOut, bad); return; }
    coverOut.replaceChildren(el('p', { class: 'hint', text: 'Solving the markets…' }));
    try {
      const q = new URLSearchParams({ start: f.start.value });
      // months is the disruption's length: the server refuses it without a disruption
      if (f.disruption.value.trim()) { q.set('disruption', f.disruption.value.trim()); q.set('months', f.months.value); }
      const c = await call(`/api/stockpiles/${encodeURIComponent(name)}/cover?${q}`);
      if (view && !view.alive) return;
      clearErrors(f);
      const rows = c.lines.map(l => [l.mineral, num(l.holding_kg, 0), num(l.monthly_imports_kg, 1), num(l.months_of_cover, 1), l.runs_out ?? '—',
        l.disruption ? (l.disruption.months_of_cover === null ? 'no shortfall' : `${num(l.disruption.months_of_cover, 1)} months; `
          + (l.disruption.lasts_the_disruption ? 'lasts the disruption' : 'runs out ' + l.disruption.runs_out)) : '',
        l.targets.map(t => `${t.label}: ${t.met ? 'met' : 'not met'}`).join('; ') || '—',
        l.note || '']); // how the holding is set against the market (shared Nd+Pr imports, lithium as LCE), whether or not there are targets
      const box = el('div', { class: 'chart', style: 'height:320px' });
      announce(`Import cover computed for ${c.lines.length} minerals`);
      coverOut.replaceChildren(table(['mineral', 'held (kg)', 'imports kg/month', 'months of cover', 'runs out', 'under the disruption', 'targets', 'note'], rows, 'cover-table'), box);
      const ch = chartIn(box, 'Months of import cover by mineral');
      const withCover = c.lines.filter(l => l.months_of_cover !== null);
      // each target's label inside the plot, above its line, one at each end (two targets lie close together): not cut at the edge
      const targets = (withCover[0]?.targets ?? []).map((t, i) => ({ yAxis: t.months, name: t.label,
        label: { position: i % 2 ? 'insideStartTop' : 'insideEndTop', formatter: '{b}' } }));
      if (ch) ch.setOption({
        tooltip: {}, legend: {}, xAxis: { type: 'category', data: withCover.map(l => l.mineral) }, yAxis: { type: 'value', name: 'months of imports' },
        series: [{ name: 'months of cover', type: 'bar', data: withCover.map(l => l.months_of_cover), markLine: { symbol: 'none', data: targets } },
          { name: 'under the disruption', type: 'bar', data: withCover.map(l => l.disruption ? l.disruption.months_of_cover : null) }]
      });
    } catch (e) { if (!view || view.alive) show(coverOut, formError(f, e)); }
  });
  main.append(el('div', { class: 'card' }, el('h2', { text: 'Import cover' }), coverForm, coverOut));

  // release
  const relOut = el('div', { testid: 'release' });
  const rule = el('select', { name: 'rule' }, ['imports', 'holdings', 'contributions'].map(r => el('option', { value: r, text: 'pro rata to ' + r })));
  const relForm = el('form', { class: 'row', novalidate: true },
    el('label', {}, 'Mineral ', el('input', { name: 'mineral', value: 'gallium', required: true })),
    el('label', {}, 'Disruption ', el('input', { name: 'disruption', value: 'gallium-ban', required: true })),
    el('label', {}, 'Months ', el('input', { name: 'months', type: 'number', value: '13', min: '1', max: '120', step: '1', required: true })),
    el('label', {}, 'Rule ', rule),
    el('label', {}, 'Total (kg, optional) ', el('input', { name: 'total', type: 'number', min: '0' })),
    el('button', { type: 'submit', text: 'Run the release' }));
  relForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = ev.target;
    const bad = checkForm(f);
    if (bad) { show(relOut, bad); return; }
    relOut.replaceChildren(el('p', { class: 'hint', text: 'Solving the markets…' }));
    try {
      const body = { mineral: f.mineral.value.trim(), disruption: f.disruption.value.trim(), months: Number(f.months.value), rule: f.rule.value };
      if (f.total.value) body.total_kg = Number(f.total.value);
      const r = await call(`/api/stockpiles/${encodeURIComponent(name)}/release`, { method: 'POST', json: body });
      if (view && !view.alive) return;
      clearErrors(f);
      const box = el('div', { class: 'chart', style: 'height:320px' });
      announce(`Released ${num(r.total_released_kg, 0)} kg: net ${money(r.net)}`);
      relOut.replaceChildren(
        table(['participant', 'region', 'share', 'release (kg)', 'book cost', 'proceeds', 'holding'], r.shares.map(s =>
          [s.participant, s.region, num(s.share * 100, 1) + ' %', num(s.quantity_kg, 0), money(s.book_cost), money(s.proceeds), s.basis]), 'shares'),
        table(['region', 'baseline USD/kg', 'without release', 'with release'], r.prices_usd_per_kg.map(x =>
          [x.region, num(x.baseline, 2), num(x.without_release, 2), num(x.with_release, 2)]), 'prices'),
        el('p', { testid: 'release-cost', text: `Released ${num(r.total_released_kg, 0)} kg; book cost ${money(r.book_cost)}, proceeds ${money(r.proceeds)}, net ${money(r.net)}.` }),
        el('ul', { class: 'hint' }, r.warnings.map(w => el('li', { text: w }))), box);
      const ch = chartIn(box, 'Prices by region (USD/kg): baseline, without and with the release');
      if (ch) ch.setOption({
        tooltip: {}, legend: {}, xAxis: { type: 'category', data: r.prices_usd_per_kg.map(x => x.region) }, yAxis: { type: 'value', name: 'USD/kg' },
        series: [{ name: 'baseline', type: 'bar', data: r.prices_usd_per_kg.map(x => x.baseline) },
          { name: 'without release', type: 'bar', data: r.prices_usd_per_kg.map(x => x.without_release) },
          { name: 'with release', type: 'bar', data: r.prices_usd_per_kg.map(x => x.with_release) }]
      });
    } catch (e) {
      if (view && !view.alive) return;
      show(relOut, formError(f, e, { total_kg: 'total' }));
    }
  });
  main.append(el('div', { class: 'card' }, el('h2', { text: 'Coordinated release in a disruption' }),
    el('p', { class: 'hint', text: 'Allies (Japan 60 days, Korea 100 days) are assumed to hold their targets; national holdings are not published.' }), relForm, relOut));
}
