// Stockpiles page: a ledger's position (holdings, funding, members), months of import cover with the
// comparison targets, and a coordinated release under a disruption with prices without and with it.
import { el, table, money, num, call, chartIn, errorBox } from './dom.js';
import { when, isWebAddress, today, fix, grouped } from './kit/format.js';
import { show, formError, formProblems, checkForm, clearErrors, announce, newest } from './kit/ui.js';
import { downloadButtons, fileName } from './kit/download.js';
import { apiPage } from './kit/api.js';
import { fileText } from './kit/files.js';
import { keepInput } from './kit/kept.js';

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
  const admin = !!(view && view.session && view.session.me && view.session.me.role === 'admin');
  const known = list.stockpiles.some(s => s.name === name);
  if (!known && admin) pick.append(Object.assign(el('option', { value: name, text: `${name} (new: no events yet)` }), { selected: true }));
  // an administrator starts a ledger by opening it under a new name and recording its first event
  const startForm = admin ? el('form', { class: 'row', novalidate: true, testid: 'new-ledger-form' },
    el('label', {}, 'Start a ledger named ', el('input', { name: 'new_ledger', required: true, autocomplete: 'off',
      spellcheck: 'false', placeholder: 'lower-case letters, digits, hyphens', testid: 'new-ledger-name' })),
    el('button', { type: 'submit', class: 'secondary', text: 'Open it' })) : null;
  // a name refused is said (role="alert"), not only marked on the field that keeps the focus
  const startError = admin ? el('div', { testid: 'new-ledger-error' }) : null;
  if (startForm) startForm.addEventListener('submit', ev => {
    ev.preventDefault();
    const input = startForm.elements.new_ledger;
    const v = input.value.trim(); // the server's rule for a ledger's name
    input.setCustomValidity(v && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(v) ? 'expected lower-case letters, digits and hyphens (at most 63), e.g. my-reserve' : '');
    const bad = checkForm(startForm);
    show(startError, bad);
    if (bad) return;
    location.hash = '#stockpiles/' + encodeURIComponent(input.value.trim());
  });
  main.append(el('div', { class: 'card' }, el('label', {}, 'Stockpile ', pick), startForm, startError));
  const picked = fromPicker;
  fromPicker = false;
  if (picked) pick.focus();

  // a ledger file of your own (as lodestone stockpile show|cover|release --file): sent with each request, never stored
  const ledgerBox = el('div', { testid: 'ledger' });
  const upload = el('input', { type: 'file', name: 'upload', accept: '.yaml,.yml,text/yaml,text/plain', testid: 'own-ledger-upload' });
  const pasted = el('textarea', { name: 'text', rows: '6', class: 'mono', spellcheck: 'false', testid: 'own-ledger-text',
    placeholder: 'stockpile: my-reserve\nevents:\n  - {date: 2026-01-15, type: funding, source: government, amount: 50000000}' });
  const ownOut = el('div', { testid: 'own-ledger-result' });
  const ownForm = el('form', { novalidate: true }, el('label', {}, 'Ledger file ', upload), el('label', {}, 'Or paste one ', pasted),
    el('div', { class: 'row gap-top' }, el('button', { type: 'submit', testid: 'own-ledger-use', text: 'Derive it' })));
  ownForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(ownOut, view || { alive: true }); // a ledger derived after this one supersedes it
    clearErrors(ownForm);
    const chosen = upload.files[0];
    let file;
    try {
      file = chosen ? { name: chosen.name, text: await fileText(chosen) } : { name: 'my-ledger.yaml', text: pasted.value };
    } catch (e) { if (run.alive) show(ownOut, formError(ownForm, { field: upload.name, message: `${chosen.name}: ${e.message}` })); return; }
    if (!run.alive) return;
    if (!file.text.trim()) { show(ownOut, formError(ownForm, { field: 'text', message: 'text: empty; choose a ledger file or paste one' })); return; }
    ownOut.replaceChildren(el('p', { class: 'hint', text: 'Deriving…' }));
    const src = fileSource(file);
    try {
      const v = await src.show();
      if (!run.alive) return;
      ownOut.replaceChildren(el('p', { testid: 'own-ledger-summary', text: `Your ledger ${file.name} (${v.name}): ${v.position.events} events, `
        + 'its position, cover and release below — derived for each request, not stored.' }));
      await drawLedger(ledgerBox, src, view, v);
      announce(`Your ledger ${v.name}: as of ${v.position.as_of}, ${v.position.events} events`);
    } catch (e) {
      if (!run.alive) return;
      const [first, ...problems] = String(e.message).split('\n');
      ownOut.replaceChildren(el('div', { class: 'error', role: 'alert', testid: 'error' }, first,
        problems.length ? el('ul', { testid: 'own-ledger-problems' }, problems.map(x => el('li', { text: x }))) : null));
    }
  });
  // a pasted ledger survives a visit to another page (kept for the tab, forgotten on signing out), its part opened to show it
  keepInput('stockpiles.own', [pasted]);
  main.append(el('details', { class: 'card', testid: 'own-ledger', open: pasted.value ? true : null }, el('summary', { text: 'A ledger file of your own' }),
    el('p', { class: 'hint', text: 'As lodestone stockpile show, cover and release --file FILE (docs/stockpile-format.md): its position, '
      + 'import cover and a coordinated release, every problem at its line and field. Sent with each request; nothing is stored '
      + '(a pasted one is kept in this tab until you sign out).' }),
    ownForm, ownOut), ledgerBox);
  // administrators append events to the named ledger on the page (an analyst is told who may); after an append the ledger is
  // drawn again from the server (its position and events) and the picker says its new count
  const append = { name, admin, recorded: null };
  append.onAppended = async recorded => {
    const again = await drawLedger(ledgerBox, namedSource(name), view, null, { ...append, recorded });
    if (!again) return;
    const opt = [...pick.options].find(o => o.value === name);
    if (opt) opt.textContent = `${name} (${again.position.events} events, in the store)`;
  };
  if (!known && admin) { // no ledger by this name yet: its first event starts it (POST /api/stockpiles/NAME/events)
    ledgerBox.replaceChildren(el('div', { class: 'card', testid: 'new-ledger' }, el('h2', { text: `A new ledger: ${name}` }),
      el('p', { class: 'hint', text: `No stockpile ledger is named ${name} yet. The first event recorded below starts it, kept in the store `
        + 'for every user and append-only (a ledger usually starts with its funding).' }),
      appendPart(append, { position: { events: 0, holdings: [] } }, view)));
    return;
  }
  const v = await drawLedger(ledgerBox, namedSource(name), view, null, append);
  if (v && picked) announce(`${v.name}: as of ${v.position.as_of}, ${v.position.events} events`);
}

/** Where a ledger's answers come from: a named ledger (bundled or in the store) or a file of your own (sent with each request). */
function namedSource(name) {
  const at = '/api/stockpiles/' + encodeURIComponent(name);
  return {
    label: name,
    show: () => call(at),
    events: async () => { // every page (the list answers at most 1000 events a page): a ledger is shown whole
      const all = [];
      for (let cursor = null; ;) {
        const page = await apiPage(at + '/events', cursor);
        all.push(...page.items.events);
        if (!page.next) return all;
        cursor = page.next;
      }
    },
    // a disruption of one's own goes as its text in the body (POST …/cover), a bundled one's name in the query
    cover: (q, own) => own ? call(`${at}/cover`, { method: 'POST', json: { ...Object.fromEntries(q),
      ...(q.has('months') ? { months: Number(q.get('months')) } : {}), ...own } }) : call(`${at}/cover?${q}`),
    release: body => call(at + '/release', { method: 'POST', json: body }),
  };
}

function fileSource(file) {
  let shown = null;
  return {
    label: String(file.name || 'ledger').replace(/\.ya?ml$/i, ''),
    show: async () => (shown = await call('/api/stockpile-files', { method: 'POST', json: { file } })),
    events: async () => shown.events.map(e => ({ ...e, recorded_by: 'your file' })),
    cover: (q, own) => call(`/api/stockpile-files/cover?${q}`, { method: 'POST', json: { file, ...(own || {}) } }),
    release: body => call('/api/stockpile-files/release', { method: 'POST', json: { ...body, file } }),
  };
}

/**
 * A disruption of one's own (as stockpile cover|release --disruption FILE): a scenario's YAML pasted or read from a file chosen
 * here, in the browser, and sent as its text (disruption_text, named by disruption) — never a path on the server. While it has
 * text, the form's bundled Disruption is not used (disabled). `part`: its controls, to place in the form; `own()`: the body's
 * keys, or null when none is given; `sync()` sets the bundled field's state after a kept text is restored.
 */
function ownDisruption(form, named, out, testid) {
  const text = el('textarea', { name: 'disruption_text', rows: '5', class: 'mono', spellcheck: 'false', style: 'width:100%', testid: testid + '-text',
    placeholder: 'optional: a disruption of your own (YAML), e.g.\nscenario: ga-cut60\nbaseline: gallium\npolicies:\n  - {type: export_quota, region: CN, quantity: 103.83}' });
  const name = el('input', { name: 'disruption_name', value: 'my-disruption.yaml', autocomplete: 'off', spellcheck: 'false', testid: testid + '-name' });
  const pick = el('input', { type: 'file', name: 'disruption_file', accept: '.yaml,.yml,text/yaml,text/plain', testid: testid + '-file' });
  // the bundled field says why it is set aside (a disabled field alone is easily missed)
  const aside = el('span', { class: 'hint', testid: testid + '-aside', text: ' (set aside: your own disruption below is used)' });
  const sync = () => {
    named.disabled = !!text.value.trim();
    if (named.disabled) named.after(aside); else aside.remove();
  };
  text.addEventListener('input', sync);
  pick.addEventListener('change', async () => {
    const f = pick.files[0];
    if (!f) return;
    clearErrors(form);
    try {
      text.value = await fileText(f); // read here, as text: a file not in UTF-8 is said, not sent
      name.value = f.name;
      sync();
      text.dispatchEvent(new Event('change')); // kept (kit/kept.js) as if typed
      name.dispatchEvent(new Event('change'));
    } catch (e) {
      show(out, formError(form, { field: 'disruption_text', message: `disruption_text: ${f.name}: ${e.message}` }));
    } finally { pick.value = ''; }
  });
  const part = el('div', { style: 'flex: 1 1 100%', testid }, el('label', {}, 'Or a disruption of your own ',
    el('span', { class: 'hint', text: '— a market scenario on the mineral\'s bundled market (baseline: gallium, with an export_quota…; '
      + 'docs/scenario-format.md), pasted or loaded; used in place of the Disruption above' }), text),
  el('div', { class: 'row' }, el('label', {}, 'Load one ', pick), el('label', {}, 'Its name ', name)));
  const own = () => text.value.trim() ? { disruption: name.value.trim() || 'my-disruption.yaml', disruption_text: text.value } : null;
  return { part, own, sync };
}

/** A ledger's position, events, import cover and coordinated release, drawn into box from src's answers. */
async function drawLedger(box, src, view, shown = null, append = null) {
  const main = el('div');
  const v = shown || await src.show();
  if (view && !view.alive) return;
  const p = v.position;
  main.append(el('div', { class: 'card', testid: 'position' },
    el('h2', { text: `${v.name} — as of ${p.as_of} (${p.events} events)` }),
    v.description ? el('p', { class: 'hint', text: v.description }) : null,
    // a ledger file's prices far from their minerals' markets (a price per tonne keyed as per kg), recorded as given
    (v.warnings || []).length ? el('ul', { class: 'warn', testid: 'ledger-warnings' }, v.warnings.map(w => el('li', { text: 'warning: ' + w.message }))) : null,
    table(['mineral', 'held (kg)', 'cost basis', 'average USD/kg', 'forms'],
      p.holdings.map(h => [h.mineral, num(h.quantity_kg, 0), money(h.cost_basis), fix(h.average_cost_usd_per_kg, 4), h.forms.join(', ')]), 'holdings', { stacked: true }),
    table(['funding', 'amount'], [
      ...Object.entries(p.funding.by_source).map(([k, a]) => [k, money(a)]),
      ['drawn', money(p.funding.drawn)], ['spent', money(p.funding.spent)], ['proceeds', money(p.funding.proceeds)],
      ['left', money(p.funding.left)], ['carrying costs', money(p.carrying_costs.total)]], 'funding'),
    table(['member', 'joined', 'entry fee', 'entitlement (kg)'], p.members.map(m => [m.member, m.joined, money(m.entry_fee),
      Object.entries(m.entitlement_kg).map(([k, q]) => `${k} ${num(q, 0)}`).join(', ')]), 'members', { stacked: true }),
    v.sources.length ? el('ul', { class: 'hint' }, v.sources.map(s => el('li', {}, `[${s.id}] ${s.title} `, isWebAddress(s.url) // a ledger file of one's own may give any text
      ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', text: s.url }) : el('span', { text: s.url || '' })))) : null));

  // the events the position is derived from (GET /api/stockpiles/NAME/events), folded away: who recorded each, and when
  const events = el('details', { testid: 'events' }, el('summary', { text: `The ledger's ${p.events} events` }), el('p', { class: 'hint', text: 'Loading…' }));
  let eventsLoaded = false;
  events.addEventListener('toggle', async () => {
    if (!events.open || eventsLoaded) return;
    eventsLoaded = true;
    try {
      const list = await src.events();
      if (view && !view.alive) return;
      // a corrected event says which correction mended it; an administrator may correct any event but a correction
      const canCorrect = appendBox && appendBox.prefill;
      const cols = ['#', 'date', 'type', 'what', 'note', 'recorded by', ...(canCorrect ? [''] : [])];
      events.lastChild.replaceWith(table(cols, list.map((e, i) => {
        const n = e.number ?? i + 1;
        const row = [String(n), e.date, e.type + (e.corrected_by ? ` (corrected by #${e.corrected_by})` : ''), eventWhat(e), e.note ?? '',
          e.recorded_by + (e.recorded_at ? ' at ' + when(e.recorded_at) : '')];
        if (canCorrect) row.push(e.type === 'correction' ? '' : el('button', { type: 'button', class: 'secondary', testid: 'correct-' + n,
          text: 'Correct…', 'aria-label': `Correct event #${n}`, onclick: () => appendBox.prefill(n, e) }));
        return row;
      }), 'events-table', { stacked: true }));
    } catch (e) {
      eventsLoaded = false;
      if (!view || view.alive) events.lastChild.replaceWith(errorBox(e));
    }
  });
  const appendBox = append ? appendPart(append, v, view) : null;
  main.append(el('div', { class: 'card' }, el('h2', { text: 'Events' }),
    el('p', { class: 'hint', text: 'Append-only: administrators add events' + (append ? ' below' : '') + ' or with POST /api/stockpiles/NAME/events '
      + '(docs/api.md), and mend a mistaken one with a correction; lodestone stockpile show --file FILE derives a ledger file of your own.' }), events,
    appendBox));
  if (append && append.recorded) events.open = true; // the events just recorded are seen in the list, at its end

  // cover
  const coverOut = el('div', { testid: 'cover' });
  const coverNamed = el('input', { name: 'disruption', value: 'gallium-ban', class: 'set-aside' });
  const coverForm = el('form', { class: 'row', novalidate: true },
    el('label', {}, 'Disruption ', coverNamed),
    el('label', {}, 'Months ', el('input', { name: 'months', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '13', min: '1', max: '120', required: true })),
    el('label', {}, 'Start ', el('input', { name: 'start', type: 'date', value: p.as_of || '' })),
    el('label', {}, 'Region ', el('input', { name: 'region', value: 'US', autocomplete: 'off', spellcheck: 'false', size: '6', required: true })));
  const coverOwn = ownDisruption(coverForm, coverNamed, coverOut, 'cover-own-disruption');
  coverForm.append(coverOwn.part, el('button', { type: 'submit', text: 'Compute cover' }));
  coverForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = ev.target;
    const run = newest(coverOut, view || { alive: true }); // a refusal, or a cover asked after this one, supersedes it
    const bad = checkForm(f);
    if (bad) { show(coverOut, bad); return; }
    coverOut.replaceChildren(el('p', { class: 'hint', text: 'Solving the markets…' }));
    try {
      const q = new URLSearchParams({ start: f.start.value, region: f.region.value.trim() });
      // months is the disruption's length: the server refuses it without a disruption
      const own = coverOwn.own();
      if (own) q.set('months', f.months.value);
      else if (f.disruption.value.trim()) { q.set('disruption', f.disruption.value.trim()); q.set('months', f.months.value); }
      const c = await src.cover(q, own);
      if (!run.alive) return;
      clearErrors(f);
      const rows = c.lines.map(l => [l.mineral, num(l.holding_kg, 0), num(l.monthly_imports_kg, 1), num(l.months_of_cover, 1), l.runs_out ?? '—',
        l.disruption ? (l.disruption.months_of_cover === null ? 'no shortfall' : `${num(l.disruption.months_of_cover, 1)} months; `
          + (l.disruption.lasts_the_disruption ? 'lasts the disruption' : 'runs out ' + l.disruption.runs_out)) : '',
        l.targets.map(t => `${t.label}: ${t.met ? 'met' : 'not met'}`).join('; ') || '—',
        l.note || '']); // how the holding is set against the market (shared Nd+Pr imports, lithium as LCE), whether or not there are targets
      const box = el('div', { class: 'chart', style: 'height:320px' });
      announce(`Import cover computed for ${c.lines.length} minerals`);
      // the API's answer as it came (JSON), the table's figures unrounded (CSV), and the printable report of the answer (HTML)
      const coverName = fileName('stockpile-cover', src.label, 'json');
      // which imports and which disruption the figures are of (a disruption of one's own is named as it was sent)
      const under = c.lines.find(l => l.disruption)?.disruption;
      const said = el('p', { class: 'hint', testid: 'cover-under', text: `Imports of ${c.region} from ${c.start}`
        + (under ? `; under ${under.scenario} for ${under.months} months.` : '.') });
      coverOut.replaceChildren(said, table(['mineral', 'held (kg)', 'imports kg/month', 'months of cover', 'runs out', 'under the disruption', 'targets', 'note'], rows, 'cover-table', { stacked: true }), box,
        downloadButtons('import cover', { json: () => c, csv: () => coverCsv(c), jsonName: coverName, csvName: coverName.replace(/\.json$/, '.csv'),
          testid: 'cover-download' }));
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
    } catch (e) { if (run.alive) show(coverOut, formError(f, e, coverOwn.own() ? { disruption: 'disruption_text' } : {})); }
  });
  // kept for a visit to another page (a file chooser's choice cannot be set again: its text is kept in the text area)
  keepInput(`stockpiles.${src.label}.cover`, [...coverForm.elements].filter(x => x.name && x.type !== 'file'));
  coverOwn.sync();
  main.append(el('div', { class: 'card' }, el('h2', { text: 'Import cover' }), coverForm, coverOut));

  // release
  const relOut = el('div', { testid: 'release' });
  const rule = el('select', { name: 'rule' }, ['imports', 'holdings', 'contributions'].map(r => el('option', { value: r, text: 'pro rata to ' + r })));
  const relNamed = el('input', { name: 'disruption', value: 'gallium-ban', required: true, class: 'set-aside' });
  const relForm = el('form', { class: 'row', novalidate: true },
    el('label', {}, 'Mineral ', el('input', { name: 'mineral', value: 'gallium', required: true })),
    el('label', {}, 'Disruption ', relNamed),
    el('label', {}, 'Months ', el('input', { name: 'months', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '13', min: '1', max: '120', required: true })),
    el('label', {}, 'Rule ', rule),
    el('label', {}, 'Total (kg, optional) ', el('input', { name: 'total', type: 'text', inputmode: 'decimal', 'data-number': 'decimal', autocomplete: 'off', min: '0' })),
    el('label', {}, 'Stockpile\'s country ', el('input', { name: 'country', value: 'US', maxlength: '2', size: '3', autocomplete: 'off', testid: 'release-country' })),
    el('label', {}, 'Allies (days of imports) ', el('input', { name: 'allies', autocomplete: 'off', placeholder: 'the ledger\'s targets, e.g. JP=60, KR=100', testid: 'release-allies' }),
      el('span', { class: 'hint', text: 'COUNTRY=DAYS, comma-separated; empty: the ledger\'s comparison targets; none: no allies' })));
  const relOwn = ownDisruption(relForm, relNamed, relOut, 'release-own-disruption');
  relForm.append(relOwn.part, el('button', { type: 'submit', text: 'Run the release' }));
  keepInput(`stockpiles.${src.label}.release`, [...relForm.elements].filter(x => x.name && x.type !== 'file')); // kept for a visit to another page
  relOwn.sync();
  relForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const f = ev.target;
    const run = newest(relOut, view || { alive: true }); // a refusal, or a release asked after this one, supersedes it
    const bad = checkForm(f);
    if (bad) { show(relOut, bad); return; }
    relOut.replaceChildren(el('p', { class: 'hint', text: 'Solving the markets…' }));
    try {
      const body = { mineral: f.mineral.value.trim(), disruption: f.disruption.value.trim(), months: Number(f.months.value), rule: f.rule.value,
        ...(relOwn.own() || {}) };
      if (f.total.value) body.total_kg = Number(f.total.value);
      if (f.country.value.trim()) body.country = f.country.value.trim().toUpperCase();
      const allies = alliesOf(f.allies.value);
      if (allies.error) { show(relOut, formError(f, { field: 'allies', message: allies.error })); return; }
      if (allies.value) body.allies = allies.value;
      const r = await src.release(body);
      if (!run.alive) return;
      clearErrors(f);
      const box = el('div', { class: 'chart', style: 'height:320px' });
      announce(`Released ${num(r.total_released_kg, 0)} kg: net ${money(r.net)}`);
      relOut.replaceChildren(
        table(['participant', 'region', 'share', 'release (kg)', 'book cost', 'proceeds', 'holding'], r.shares.map(s =>
          [s.participant, s.region, num(s.share * 100, 1) + ' %', num(s.quantity_kg, 0), money(s.book_cost), money(s.proceeds), s.basis]), 'shares', { stacked: true }),
        table(['region', 'baseline USD/kg', 'without release', 'with release'], r.prices_usd_per_kg.map(x =>
          [x.region, num(x.baseline, 2), num(x.without_release, 2), num(x.with_release, 2)]), 'prices', { stacked: true }),
        el('p', { testid: 'release-cost', text: `Released ${num(r.total_released_kg, 0)} kg; book cost ${money(r.book_cost)}, proceeds ${money(r.proceeds)}, net ${money(r.net)}.` }),
        el('ul', { class: 'hint' }, r.warnings.map(w => el('li', { text: w }))), box,
        downloadButtons('release', { json: () => r, csv: () => releaseCsv(r), jsonName: fileName('stockpile-release', src.label + '-' + r.mineral, 'json'),
          csvName: fileName('stockpile-release', src.label + '-' + r.mineral, 'csv'), testid: 'release-download' }));
      const ch = chartIn(box, 'Prices by region (USD/kg): baseline, without and with the release');
      if (ch) ch.setOption({
        tooltip: {}, legend: {}, xAxis: { type: 'category', data: r.prices_usd_per_kg.map(x => x.region) }, yAxis: { type: 'value', name: 'USD/kg' },
        series: [{ name: 'baseline', type: 'bar', data: r.prices_usd_per_kg.map(x => x.baseline) },
          { name: 'without release', type: 'bar', data: r.prices_usd_per_kg.map(x => x.without_release) },
          { name: 'with release', type: 'bar', data: r.prices_usd_per_kg.map(x => x.with_release) }]
      });
    } catch (e) {
      if (!run.alive) return;
      // the API names an ally's field as allies.JP: said at the Allies field
      const at = e.field && e.field.startsWith('allies.') ? { ...e, field: 'allies', message: String(e.message).replace(/^allies\.([A-Za-z]+):\s*/, 'allies: $1: ') } : e;
      show(relOut, formError(f, at, { total_kg: 'total', ...(relOwn.own() ? { disruption: 'disruption_text' } : {}) }));
    }
  });
  main.append(el('div', { class: 'card' }, el('h2', { text: 'Coordinated release in a disruption' }),
    el('p', { class: 'hint', text: 'Allies are assumed to hold their targets in days of their imports (by default the ledger\'s comparison '
      + 'targets: Japan 60 days, Korea 100 days); national holdings are not published. Allies in one market region share its imports equally.' }), relForm, relOut));
  box.replaceChildren(...main.childNodes);
  return v;
}

/**
 * The Allies field read: empty, the ledger's comparison targets (nothing sent); "none", no allies ({}); else COUNTRY=DAYS pairs,
 * comma-separated ({"JP": 60, "KR": 100}), each refused at the field when it is not one (the server checks the country and days).
 */
export function alliesOf(text) {
  const t = String(text ?? '').trim();
  if (!t) return {};
  if (t.toLowerCase() === 'none') return { value: {} };
  const value = {};
  for (const part of t.split(/\s*[,;]\s*/).filter(Boolean)) {
    const m = /^([A-Za-z]{2})\s*=\s*(\d{1,4})$/.exec(part);
    if (!m) return { error: `allies: "${part}" is not COUNTRY=DAYS; write e.g. JP=60, KR=100 (days a whole number), or none` };
    const cc = m[1].toUpperCase();
    if (cc in value) return { error: `allies: ${cc} is given twice` };
    value[cc] = Number(m[2]);
  }
  return { value };
}

/** The import cover as CSV: a line per mineral, its figures unrounded, the disruption's beside them (empty without one). */
export function coverCsv(c) {
  return { header: ['mineral', 'holding_kg', 'market', 'region', 'imports_kg_per_year', 'monthly_imports_kg', 'months_of_cover', 'runs_out',
    'disruption', 'disruption_months', 'shortfall_kg_per_month', 'months_of_cover_in_disruption', 'runs_out_in_disruption', 'lasts_the_disruption',
    'targets', 'note'],
  rows: c.lines.map(l => { const d = l.disruption || {};
    return [l.mineral, l.holding_kg, l.market, l.region, l.imports_kg_per_year, l.monthly_imports_kg, l.months_of_cover, l.runs_out,
      d.scenario, d.months, d.shortfall_kg_per_month, d.months_of_cover, d.runs_out, d.lasts_the_disruption,
      l.targets.map(t => `${t.label}: ${t.met ? 'met' : 'not met'}`).join('; '), l.note]; }) };
}

/** A release's shares as CSV: a line per participant, its figures unrounded. */
export function releaseCsv(r) {
  return { header: ['participant', 'region', 'weight', 'share', 'quantity_kg', 'capped', 'book_cost', 'proceeds', 'basis'],
    rows: r.shares.map(s => [s.participant, s.region, s.weight, s.share, s.quantity_kg, s.capped, s.book_cost, s.proceeds, s.basis]) };
}

/** A ledger's figure as the ledger holds it, thousands grouped (kit/format.js) and every decimal it has: 900.125 is not shown as 900.13. */
function figure(v) {
  const s = String(v);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s; // 1e+21 and the like: as JavaScript writes it
  const [int, frac] = s.split('.');
  return grouped(int) + (frac ? '.' + frac : '');
}

/** An event's own figures in words, "mineral gallium; quantity 2 000; price 580": every key but those of the table's other columns. */
function eventWhat(e) {
  const skip = new Set(['number', 'date', 'type', 'note', 'recorded_by', 'recorded_at', 'corrected_by']);
  if (e.type === 'correction') { // "of #2: replaced by 2026-02-01 acquisition: mineral gallium; …" or "of #4: struck out"
    return `of #${e.corrects}: ` + (e.replacement ? `replaced by ${e.replacement.date} ${e.replacement.type}: ${eventWhat(e.replacement)}` : 'struck out');
  }
  const word = v => (typeof v === 'number' || v instanceof Number ? figure(v) : v && typeof v === 'object'
    ? Object.entries(v).map(([k, x]) => `${k} ${typeof x === 'number' || x instanceof Number ? figure(x) : x}`).join(', ') : String(v));
  return Object.entries(e).filter(([k, v]) => !skip.has(k) && v !== null && v !== undefined).map(([k, v]) => `${k.replace(/_/g, ' ')} ${word(v)}`).join('; ');
}

// ------------------------------------------------------------------ appending events (administrators)

const MINERAL_TYPES = ['acquisition', 'draw', 'replenishment', 'buy-back', 'release'];
const MEMBER_TYPES = ['join', 'draw', 'replenishment', 'buy-back'];
const ALL_TYPES = ['funding', 'join', 'acquisition', 'carrying-cost', 'draw', 'replenishment', 'release', 'buy-back', 'write-off'];
const HELD_TYPES = [...MINERAL_TYPES, 'write-off']; // the events that name a mineral and a quantity (a write-off has no price)

/**
 * The fields of an event (docs/stockpile-format.md), by the API's key: label, the event types that take it, those that require
 * it, and its control. Amounts, quantities and prices are typed as text, read as typed numbers (kit/typed.js: 1.500 in a
 * German browser is 1500, and said) and sent as the decimal text read (which the ledger reads exactly): never through a
 * JavaScript number.
 */
const EVENT_FIELDS = [
  ['source', 'Funding source', ['funding'], ['funding'], { options: ['exim-loan', 'private-capital', 'government'] }],
  ['party', 'Party', ['funding'], [], { placeholder: 'e.g. EXIM' }],
  ['amount', 'Amount (USD)', ['funding', 'carrying-cost'], ['funding', 'carrying-cost'], { decimal: true, placeholder: 'e.g. 1500000.00' }],
  ['rate_percent', 'Rate (% a year)', ['funding'], [], { decimal: true, placeholder: 'optional' }],
  ['term_years', 'Term (years)', ['funding'], [], { decimal: true, placeholder: 'whole years, optional' }],
  ['kind', 'Kind of cost', ['carrying-cost'], ['carrying-cost'], { options: ['storage', 'interest', 'insurance', 'other'] }],
  ['member', 'Member', MEMBER_TYPES, MEMBER_TYPES, { placeholder: 'e.g. General Motors' }],
  ['entry_fee', 'Entry fee (USD)', ['join'], [], { decimal: true, placeholder: 'optional' }],
  ['allocation', 'Allocation (kg by mineral)', ['join'], [], { placeholder: 'e.g. cobalt 600000, gallium 1000' }],
  ['mineral', 'Mineral', HELD_TYPES, HELD_TYPES, { placeholder: 'e.g. gallium', list: 'append-minerals' }],
  ['form', 'Form', ['acquisition'], [], { placeholder: 'e.g. metal' }],
  ['quantity', 'Quantity', HELD_TYPES, HELD_TYPES, { decimal: true, placeholder: 'e.g. 1000' }],
  ['unit', 'Unit', HELD_TYPES, [], { options: ['kg', 't'] }],
  ['reason', 'Reason', ['write-off'], ['write-off'], { placeholder: 'e.g. drums below specification at the audit' }],
  ['price', 'Price (USD/kg)', MINERAL_TYPES, ['acquisition', 'release', 'buy-back'], { decimal: true, placeholder: 'e.g. 900.00' }],
  ['counterparty', 'Counterparty', ['acquisition', 'release'], [], { placeholder: 'e.g. market' }],
  ['illustrative', 'Illustrative (not a public figure)', ['acquisition'], [], { checkbox: true }],
  ['note', 'Note', ALL_TYPES, [], { placeholder: 'optional' }],
  ['source_ref', 'Source (an id of the ledger\'s sources)', ALL_TYPES, [], { placeholder: 'optional, e.g. S1' }],
];

/** "cobalt 600000, gallium=1000" → {cobalt: "600000", gallium: "1000"} (the quantities as typed); null when it is not that shape. */
function allocationOf(text) {
  const out = {};
  for (const part of text.split(/[,;]/).map(x => x.trim()).filter(Boolean)) {
    const m = /^([a-z0-9-]+)\s*(?:=|:|\s)\s*([^\s=:]+)$/i.exec(part);
    if (!m) return null;
    out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

/** An event's fields in words, as sent: "release of gallium; quantity 1000 kg; price 900 USD/kg" (the texts typed, unrounded). */
function sentWords(e) {
  if (e.type === 'correction') return `of #${e.corrects}: ` + (e.replacement ? `replaced by ${e.replacement.date} ${e.replacement.type}: ${sentWords(e.replacement)}`
    : 'struck out') + (e.note ? `; note ${e.note}` : '');
  const skip = new Set(['date', 'type']);
  return Object.entries(e).filter(([k]) => !skip.has(k)).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v && typeof v === 'object' && !(v instanceof Number)
    ? Object.entries(v).map(([m, q]) => `${m} ${q}`).join(', ') : v}`).join('; ');
}

/** The card part that appends an event to a named ledger (POST /api/stockpiles/NAME/events), or, for an analyst, who may. */
function appendPart(append, v, view) {
  const part = el('div', { class: 'gap-top', testid: 'append' }, el('h3', { text: 'Record an event' }));
  if (append.recorded) {
    const r = append.recorded;
    const said = el('div', { class: 'ok', tabindex: '-1', testid: 'append-recorded' },
      el('p', { text: `Recorded in ${append.name}: ${r.events.length === 1 ? 'one event' : r.events.length + ' events'}; `
        + `the ledger now has ${v.position.events} ${v.position.events === 1 ? 'event' : 'events'}, its position (above) derived again with ${r.events.length === 1 ? 'it' : 'them'}.` }),
      el('ul', {}, r.events.map((e, i) => el('li', { text: `#${r.first + i} ${e.date} ${e.type}: ${sentWords(e)}` }))));
    part.append(said);
    // an event dated after today (POST …/events answers a warning at its date): written as dated, and said under it
    if ((r.warnings || []).length) {
      part.append(el('ul', { class: 'warn', testid: 'append-warnings' }, r.warnings.map(w => el('li', { text: 'warning: ' + w.message }))));
    }
    setTimeout(() => said.focus(), 0);
  }
  if (!append.admin) {
    part.append(el('p', { class: 'hint', testid: 'append-refused', text: 'Only administrators may append events to a stockpile ledger '
      + '(POST /api/stockpiles/NAME/events): the ledger is shared by every user and append-only. Ask one to record an event.' }));
    return part;
  }
  const type = el('select', { name: 'type', testid: 'append-type' }, [...ALL_TYPES, 'correction'].map(t => el('option', { value: t, text: t })));
  // a correction (docs/stockpile-format.md): the number of the event it mends and, unless it strikes the event out, the event as
  // it should have been recorded — its type, its date and its fields, the fields below
  const corrects = el('input', { name: 'corrects', type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'e.g. 4', spellcheck: 'false' });
  const rtype = el('select', { name: 'replacement_type', testid: 'append-replacement-type' },
    el('option', { value: '', text: 'nothing: strike the event out' }), ALL_TYPES.map(t => el('option', { value: t, text: 'a ' + t })));
  const rdate = el('input', { name: 'replacement_date', type: 'date' });
  const correction = [el('label', { testid: 'append-field-corrects' }, 'Corrects event # ', corrects),
    el('label', { testid: 'append-field-replacement_type' }, 'Replace it with ', rtype),
    el('label', { testid: 'append-field-replacement_date' }, 'Date of the replacement ', rdate)];
  type.value = v.position.events ? 'release' : 'funding'; // a new ledger starts with its funding
  const fields = EVENT_FIELDS.map(([key, label, types, required, a]) => {
    const control = a.options ? el('select', { name: key }, a.options.map(o => el('option', { value: o, text: o })))
      : el('input', { name: key, type: a.checkbox ? 'checkbox' : 'text', inputmode: a.decimal ? 'decimal' : null, 'data-number': a.decimal ? 'decimal' : null, autocomplete: 'off',
        placeholder: a.placeholder || null, list: a.list || null, spellcheck: 'false' });
    const wrap = el('label', { testid: 'append-field-' + key }, label + ' ', control);
    return { key, types, required, control, wrap };
  });
  const holdings = v.position.holdings.map(x => x.mineral);
  const form = el('form', { novalidate: true, testid: 'append-form' },
    el('div', { class: 'grid' }, el('label', {}, 'Date ', el('input', { name: 'date', type: 'date', value: today(), required: true })),
      el('label', {}, 'Event ', type), correction, fields.map(f => f.wrap)),
    el('datalist', { id: 'append-minerals' }, holdings.map(m => el('option', { value: m }))),
    el('p', { class: 'hint', text: 'Amounts in US dollars and quantities as you type them (exact decimals, e.g. 1234.56); a quantity in t '
      + 'is converted to kg. A price left empty on a draw or replenishment is the average cost. The whole ledger is checked with '
      + 'the event; nothing is written if any problem is found.' }),
    el('div', { class: 'row' }, el('button', { type: 'submit', testid: 'append-submit', text: 'Record the event' })));
  const out = el('div', { testid: 'append-result' });
  const sync = () => {
    const mending = type.value === 'correction';
    const kind = mending ? rtype.value : type.value; // a correction's fields are those of its replacement
    for (const f of fields) {
      const on = f.key === 'note' || f.key === 'source_ref' || f.types.includes(kind); // a correction's own note and source
      f.wrap.hidden = !on;
      f.control.disabled = !on; // a field of another kind of event is neither checked nor sent
      f.control.required = on && f.required.includes(kind);
    }
    correction.forEach((w, i) => { w.hidden = !mending || (i === 2 && !rtype.value); });
    corrects.disabled = !mending;
    corrects.required = mending;
    rtype.disabled = !mending;
    rdate.disabled = !(mending && rtype.value);
    rdate.required = !rdate.disabled;
  };
  type.addEventListener('change', () => { sync(); clearErrors(form); out.replaceChildren(); });
  rtype.addEventListener('change', () => { sync(); clearErrors(form); out.replaceChildren(); });
  sync();
  // "Correct…" on an event of the list: the form set to a correction of it, the replacement filled with the event's figures
  part.prefill = (n, e) => {
    type.value = 'correction';
    corrects.value = String(n);
    rtype.value = ALL_TYPES.includes(e.type) ? e.type : '';
    rdate.value = e.date || '';
    sync();
    for (const f of fields) {
      if (f.key === 'note' || f.key === 'source_ref') { f.control.value = ''; continue; }
      const x = e[f.key];
      if (f.control.type === 'checkbox') f.control.checked = x === true;
      else if (f.key === 'allocation') f.control.value = x ? Object.entries(x).map(([m, q]) => `${m} ${q}`).join(', ') : '';
      else if (f.key === 'unit') f.control.value = 'kg'; // a quantity is listed in kg
      else if (f.control.tagName === 'SELECT') { if (x !== undefined && x !== null) f.control.value = String(x); }
      else f.control.value = x === undefined || x === null ? '' : String(x);
    }
    clearErrors(form);
    out.replaceChildren();
    form.scrollIntoView({ block: 'start' });
    corrects.focus();
    announce(`Correcting event #${n}: change what was wrong, or choose to strike it out`);
  };
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const alloc = form.elements.allocation;
    alloc.setCustomValidity(!alloc.disabled && alloc.value.trim() && !allocationOf(alloc.value)
      ? 'expected each mineral with its kg, e.g. cobalt 600000, gallium 1000' : '');
    const bad = checkForm(form);
    if (bad) { show(out, bad); return; }
    const event = { date: form.elements.date.value, type: type.value };
    const mending = type.value === 'correction';
    let target = event;
    if (mending) {
      const c = corrects.value.trim();
      event.corrects = /^\d+$/.test(c) ? Number(c) : c; // anything else is sent as typed, and refused at its field
      if (rtype.value) target = event.replacement = { date: rdate.value, type: rtype.value };
    }
    for (const f of fields) {
      if (f.control.disabled) continue;
      const into = f.key === 'note' || f.key === 'source_ref' ? event : target;
      if (f.control.type === 'checkbox') { if (f.control.checked) into[f.key] = true; continue; }
      const s = f.control.value.trim();
      if (!s) continue;
      into[f.key] = f.key === 'allocation' ? allocationOf(s) : s; // decimals stay the text typed
    }
    out.replaceChildren(el('p', { class: 'hint', text: 'Checking the ledger with the event…' }));
    try {
      const r = await call('/api/stockpiles/' + encodeURIComponent(append.name) + '/events',
        { method: 'POST', json: { events: [event], expected_events: v.position.events } });
      if (view && !view.alive) return;
      announce(`Recorded ${r.appended === 1 ? 'one event' : r.appended + ' events'} in ${append.name}; it now has ${r.position.events} events`);
      await append.onAppended({ events: [event], first: r.position.events - r.appended + 1, warnings: r.warnings || [] });
    } catch (e) {
      if (view && !view.alive) return;
      if (e.problems && e.problems.length) {
        // "request:1: events[0].quantity: …": the place in the request is the form's field, which is marked and named
        const problems = e.problems.map(p => ({ ...p, message: String(p.message).replace(/^request:\d+: /, '') }));
        show(out, formProblems(form, problems, field => {
          // a replacement's fields are the form's fields, its date and type the correction's own controls
          const m = /^events\[0\]\.(replacement\.)?(\w+)/.exec(field || '');
          const name = m && (m[1] && (m[2] === 'date' || m[2] === 'type') ? 'replacement_' + m[2] : m[2]);
          const c = name && form.elements[name];
          return c instanceof Element && !c.disabled ? c : null;
        }));
      } else {
        show(out, formError(form, e.status === 409 ? { message: e.message + '; the ledger was changed meanwhile: reload the page to see it, then record the event again' } : e));
      }
    }
  });
  part.append(form, out);
  return part;
}
